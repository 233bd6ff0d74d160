package dev.secrets4j.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.SecretSourceContract;
import dev.secrets4j.test.azure.LocalKeyVault;
import dev.secrets4j.test.azure.TestCredential;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared source contract, held through the public factory against the local Key Vault. */
class AzureSecretSourcesContractTest extends SecretSourceContract {
  private LocalKeyVault vault;

  @Override
  protected Fixture createFixture() throws Exception {
    vault = LocalKeyVault.start();
    SecretClient writer = vault.newClient();
    SecretSource src = AzureSecretSources.fromUri(vault.sourceUri(""), TestCredential.valid(), LocalKeyVault.httpClient());
    return new Fixture() {
      @Override
      public SecretSource source() {
        return src;
      }

      @Override
      public void put(String name, String value) {
        writer.setSecret(name, value);
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
    assertThat(own.id()).isEqualTo("azure-kv:" + vault.endpoint());
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
    assertThat(source.id()).isEqualTo(vault.sourceUri(""));
  }
}
