package dev.secrets4j.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.SecretSourceContract;
import dev.secrets4j.test.gcp.Fault;
import dev.secrets4j.test.gcp.LocalSecretManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared source contract, held through the real client against the local server, with a prefix. Writes go
 * straight into the server's store, so they still land during an outage; a revocation disables every version
 * through the real client, as an operator answering a leak would; an outage makes every call {@code UNAVAILABLE}.
 */
class GcpSecretSourceContractTest extends SecretSourceContract {
  private static final String SECRETS = "projects/contract-project/secrets/";

  @Override
  protected Fixture createFixture() throws Exception {
    LocalSecretManager server = LocalSecretManager.start();
    SecretSource source = new GcpSecretSourceProvider()
        .create(SourceUri.parse(server.sourceUri("contract-project", "prefix=team-&versionCheck=metadata"), Environment.DEVELOPMENT));
    Operator operator = new Operator(server.newClient(), "projects/contract-project");
    return new Fixture() {
      @Override
      public SecretSource source() {
        return source;
      }

      @Override
      public void put(String name, String value) {
        server.put(SECRETS + "team-" + name, value);
      }

      @Override
      public void revoke(String name) {
        for (String version : server.versionIds(SECRETS + "team-" + name)) {
          operator.disable("team-" + name, version);
        }
      }

      @Override
      public void outage(boolean failing) {
        if (failing) {
          server.inject(Fault.unavailable());
        } else {
          server.clearFaults();
        }
      }

      @Override
      public void close() {
        source.close();
        server.close();
      }
    };
  }

  // the fixture's hooks do what the contract kit promises, ahead of the kit's own cases that will use them

  @Test
  void revoke_makesEveryReadPathDefinitive() throws Exception {
    fixture.put("fixture-revoked", "v1");
    fixture.put("fixture-revoked", "v2");
    fixture.revoke("fixture-revoked");

    for (SecretSourceException e : List.of(
        catchThrowableOfType(SecretSourceException.class,
            () -> source.fetch("fixture-revoked", VersionSelector.CURRENT)),
        catchThrowableOfType(SecretSourceException.class, () -> source.currentVersionId("fixture-revoked")),
        catchThrowableOfType(SecretSourceException.class, () -> source.metadata("fixture-revoked")))) {
      assertThat(e).isNotNull();
      assertThat(e.kind()).isIn(Kind.NOT_FOUND, Kind.ACCESS_DENIED, Kind.PERMANENT);
    }
    assertThat(source.fetchAll(List.of("fixture-revoked"))).isEmpty();
  }

  @Test
  void outage_failsEveryCallTransiently_whilePutStillWrites_andEnds() throws Exception {
    fixture.put("fixture-outage", "before");
    fixture.outage(true);
    fixture.put("fixture-outage", "during");

    assertThat(catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("fixture-outage", VersionSelector.CURRENT)).kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(catchThrowableOfType(SecretSourceException.class,
        () -> source.currentVersionId("fixture-outage")).kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(catchThrowableOfType(SecretSourceException.class,
        () -> source.metadata("fixture-outage")).kind()).isEqualTo(Kind.TRANSIENT);

    fixture.outage(false);
    assertThat(source.fetch("fixture-outage", VersionSelector.CURRENT).valueAsString()).isEqualTo("during");
  }
}
