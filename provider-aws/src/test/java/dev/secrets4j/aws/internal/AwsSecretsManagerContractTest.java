package dev.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.SecretSourceContract;
import dev.secrets4j.test.aws.Fault;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared source contract, through the SDK, against the local Secrets Manager. Revoking schedules the secret for
 * deletion, as an operator answering a leak does; an outage answers every call with HTTP 503 while the fixture
 * still writes to the store directly.
 */
class AwsSecretsManagerContractTest extends SecretSourceContract {

  @Override
  protected Fixture createFixture() {
    LocalStore store = new LocalStore();
    SecretSource source = store.source("development/", "&versionCheck=describe");
    return new Fixture() {
      @Override
      public SecretSource source() {
        return source;
      }

      @Override
      public void put(String name, String value) {
        store.server.put("development/" + name, value);
      }

      @Override
      public void revoke(String name) {
        store.server.delete("development/" + name);
      }

      @Override
      public void outage(boolean failing) {
        if (failing) {
          store.server.inject(Fault.serviceUnavailable());
        } else {
          store.server.clearFaults();
        }
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  @Test
  void revoke_makesEveryReadPathDefinitive() throws Exception {
    fixture.put("revoked-key", "v1");
    source.fetch("revoked-key", VersionSelector.CURRENT);
    fixture.revoke("revoked-key");
    SecretSourceException atOnce = catchThrowableOfType(SecretSourceException.class,
        () -> source.currentVersionId("revoked-key"));
    assertThat(atOnce).as("a deletion is seen by the first cheap check").isNotNull();
    assertThat(atOnce.kind()).isEqualTo(Kind.PERMANENT);

    for (ThrowingCall call : List.<ThrowingCall>of(() -> source.fetch("revoked-key", VersionSelector.CURRENT),
        () -> source.metadata("revoked-key"))) {
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class, call::run);
      assertThat(e).isNotNull();
      assertThat(e.kind()).isNotEqualTo(Kind.TRANSIENT);
    }
    // the cheap check never answers the old id: empty (read the value, which fails) or a definitive failure
    SecretSourceException check = catchThrowableOfType(SecretSourceException.class,
        () -> assertThat(source.currentVersionId("revoked-key")).isEmpty());
    if (check != null) {
      assertThat(check.kind()).isNotEqualTo(Kind.TRANSIENT);
    }
    assertThat(source.fetchAll(List.of("revoked-key"))).isEmpty();
  }

  @Test
  void outage_failsEveryCallTransiently_whilePutStillWrites() throws Exception {
    fixture.put("outage-key", "v1");
    fixture.outage(true);
    fixture.put("outage-key", "v2");

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("outage-key", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(catchThrowableOfType(SecretSourceException.class, () -> source.fetchAll(List.of("outage-key")))
        .kind()).isEqualTo(Kind.TRANSIENT);

    fixture.outage(false);
    assertThat(source.fetch("outage-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("v2");
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }
}
