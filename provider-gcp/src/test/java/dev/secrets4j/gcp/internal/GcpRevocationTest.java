package dev.secrets4j.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.VersionSelector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The revocation contract: once the store refuses a secret for good, every read path answers with a definitive
 * kind (never TRANSIENT, never the old version id), whichever way the operator refused it.
 */
class GcpRevocationTest extends LocalServerTest {

  GcpRevocationTest() {
    super("acme-revoked");
  }

  private void revoke(String how, String id) {
    switch (how) {
      case "disable":
        operator.disable(id, "1");
        operator.disable(id, "2");
        break;
      case "destroy":
        operator.destroy(id, "1");
        operator.destroy(id, "2");
        break;
      case "delete":
        server.delete("projects/acme-revoked/secrets/" + id);
        break;
      case "deny-access":
        server.denyAccess("projects/acme-revoked/secrets/" + id);
        break;
      default:
        throw new IllegalArgumentException(how);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"disable, PERMANENT", "destroy, PERMANENT", "delete, NOT_FOUND", "deny-access, ACCESS_DENIED"})
  void revokedSecret_everyReadPathIsDefinitive(String how, Kind kind) throws Exception {
    operator.put("leaked-key", "v1");
    operator.put("leaked-key", "v2");
    assertThat(source.currentVersionId("leaked-key")).contains("2");
    revoke(how, "leaked-key");

    SecretSourceException fetch = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("leaked-key", VersionSelector.CURRENT));
    SecretSourceException check = catchThrowableOfType(SecretSourceException.class,
        () -> source.currentVersionId("leaked-key"));
    SecretSourceException metadata = catchThrowableOfType(SecretSourceException.class,
        () -> source.metadata("leaked-key"));

    assertThat(fetch).isNotNull().extracting(SecretSourceException::kind).isEqualTo(kind);
    assertThat(check).as("the cheap check").isNotNull().extracting(SecretSourceException::kind).isEqualTo(kind);
    assertThat(metadata).as("metadata").isNotNull().extracting(SecretSourceException::kind).isEqualTo(kind);
    assertThat(source.fetchAll(List.of("leaked-key"))).isEmpty();
  }

  @Test
  void accessTakenAwayFromOneSecret_leavesTheCheapCheckOfTheOthers() throws Exception {
    operator.put("leaked-key", "v1");
    operator.put("other-key", "v1");
    server.denyAccess("projects/acme-revoked/secrets/leaked-key");

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.currentVersionId("leaked-key"));
    server.resetCalls();

    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(source.currentVersionId("other-key")).contains("1");
    assertThat(server.calls("GetSecretVersion")).isEqualTo(1);
    assertThat(server.calls("AccessSecretVersion")).isZero();
  }

  @Test
  void disabledLatest_withEnabledOlderVersions_isNeverAnsweredWithAnOldId() throws Exception {
    operator.put("half-key", "v1");
    operator.put("half-key", "v2");
    operator.disable("half-key", "2");

    SecretSourceException check = catchThrowableOfType(SecretSourceException.class,
        () -> source.currentVersionId("half-key"));

    assertThat(check.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(check.getMessage()).contains("version 2 is in DISABLED state").doesNotContain("v1");
  }
}
