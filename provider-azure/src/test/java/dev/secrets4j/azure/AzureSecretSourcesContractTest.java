package dev.secrets4j.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.SecretSourceContract;
import dev.secrets4j.test.azure.Fault;
import dev.secrets4j.test.azure.LocalKeyVault;
import dev.secrets4j.test.azure.TestCredential;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The shared source contract, held through the public factory against the local Key Vault. */
class AzureSecretSourcesContractTest extends SecretSourceContract {
  /** One retry, without the default backoff: an outage case fails in milliseconds, not seconds. */
  private static final String CONTRACT_PARAMS = "retries=1&maxRetryWait=10ms";
  private LocalKeyVault vault;

  @Override
  protected Fixture createFixture() throws Exception {
    vault = LocalKeyVault.start();
    SecretClient writer = vault.newClient();
    SecretSource src = AzureSecretSources.fromUri(vault.sourceUri(CONTRACT_PARAMS), TestCredential.valid(),
        LocalKeyVault.httpClient());
    return new Fixture() {
      @Override
      public SecretSource source() {
        return src;
      }

      /** As an operator sets a value; a name left soft-deleted by {@link #revoke} is purged first, as it must be. */
      @Override
      public void put(String name, String value) {
        if (vault.isDeleted(name)) {
          writer.purgeDeletedSecret(name);
        }
        writer.setSecret(name, value);
      }

      /** Deletes the secret, as an operator answering a leak does: soft-deleted, it is not found. */
      @Override
      public void revoke(String name) {
        writer.beginDeleteSecret(name).poll();
      }

      /** The vault answers every read 503 (Key Vault's {@code ServiceUnavailable}) while writes still pass. */
      @Override
      public void outage(boolean failing) {
        if (failing) {
          vault.inject(Fault.serviceUnavailable());
        } else {
          vault.clearFaults();
        }
      }

      @Override
      public void close() {
        src.close();
        vault.close();
      }
    };
  }

  @Test
  void versionIds_areTheVaultsVersionIds() throws Exception {
    fixture.put("contract-ids", "one");
    fixture.put("contract-ids", "two");
    assertThat(source.fetch("contract-ids", VersionSelector.CURRENT).versionId())
        .isEqualTo(vault.versionIds("contract-ids").get(1));
    assertThat(source.fetch("contract-ids", VersionSelector.PREVIOUS).versionId())
        .isEqualTo(vault.versionIds("contract-ids").get(0));
  }

  @Test
  void builder_readsThroughTheApplicationsClient_andNamesItsVaultInTheId() throws Exception {
    SecretClient app = vault.newClient();
    app.setSecret("app-owned", "through-app-client");
    SecretSource own = AzureSecretSources.builder(app).build();
    assertThat(own.id()).isEqualTo("azure-kv:" + vault.vaultUrl());
    assertThat(own.fetch("app-owned", VersionSelector.CURRENT).valueAsString()).isEqualTo("through-app-client");
  }

  @Test
  void builder_setsEachOptionOnce_andRefusesANegativeExpiryWarning() {
    AzureSecretSources.Builder b = AzureSecretSources.builder(vault.newClient()).expiryWarning(Duration.ofDays(30));
    assertThatThrownBy(() -> b.expiryWarning(Duration.ofDays(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("expiryWarning was already set to PT720H");
    assertThatThrownBy(() -> AzureSecretSources.builder(vault.newClient()).expiryWarning(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> AzureSecretSources.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void sourceId_isTheRedactedUri() {
    assertThat(source.id()).isEqualTo(vault.sourceUri(CONTRACT_PARAMS));
  }

  @Test
  void revokedSecret_isADefinitiveNoFromEveryReadPath_andReadableAgainWhenSetAnew() throws Exception {
    fixture.put("contract-leaked", "leaked");
    fixture.revoke("contract-leaked");
    for (SecretSourceException e : List.of(
        failure(() -> source.fetch("contract-leaked", VersionSelector.CURRENT)),
        failure(() -> source.fetch("contract-leaked", VersionSelector.PREVIOUS)),
        failure(() -> source.metadata("contract-leaked")))) {
      assertThat(e.kind()).isEqualTo(SecretSourceException.Kind.NOT_FOUND);
    }
    assertThat(source.currentVersionId("contract-leaked")).isEmpty();
    assertThat(source.fetchAll(List.of("contract-leaked"))).isEmpty();

    fixture.put("contract-leaked", "fresh");
    assertThat(source.fetch("contract-leaked", VersionSelector.CURRENT).valueAsString()).isEqualTo("fresh");
  }

  @Test
  void outage_isTransientOnEveryReadPath_whileWritesGoThrough() throws Exception {
    fixture.put("contract-outage", "one");
    fixture.outage(true);
    fixture.put("contract-outage", "two");
    for (SecretSourceException e : List.of(
        failure(() -> source.fetch("contract-outage", VersionSelector.CURRENT)),
        failure(() -> source.fetch("contract-outage", VersionSelector.PREVIOUS)),
        failure(() -> source.metadata("contract-outage")),
        failure(() -> source.fetchAll(List.of("contract-outage"))))) {
      assertThat(e.kind()).isEqualTo(SecretSourceException.Kind.TRANSIENT);
    }
    fixture.outage(false);
    assertThat(source.fetch("contract-outage", VersionSelector.CURRENT).valueAsString()).isEqualTo("two");
  }

  private static SecretSourceException failure(ThrowingCallable call) {
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class, call);
    assertThat(e).as("a SecretSourceException").isNotNull();
    return e;
  }
}
