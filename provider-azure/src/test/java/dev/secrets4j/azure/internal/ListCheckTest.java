package dev.secrets4j.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.azure.LocalKeyVault;
import dev.secrets4j.test.azure.TestCredential;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code versionCheck=list}: the vault's list of secret properties vouches for the versions whose {@code updated}
 * time is unchanged since their value was read; a rotation, a disabled or deleted secret is left out for a read.
 */
class ListCheckTest {
  private final FakeTicker ticker = new FakeTicker();
  private LocalKeyVault vault;
  private SecretClient writer;

  @BeforeEach
  void startVault() {
    vault = LocalKeyVault.start();
    writer = vault.newClient();
  }

  @AfterEach
  void stopVault() {
    vault.close();
  }

  private KeyVaultSecretSource source(String params) {
    return TestSources.source(vault.sourceUri(params), TestCredential.valid(), ticker.clock(), w -> { });
  }

  private List<String> seed(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add("s" + i);
      vault.put("s" + i, "v" + i);
    }
    return names;
  }

  private static Map<String, String> readAll(KeyVaultSecretSource source, List<String> names) throws Exception {
    Map<String, String> ids = new java.util.HashMap<>();
    for (String n : names) {
      ids.put(n, source.fetch(n, VersionSelector.CURRENT).versionId());
    }
    return ids;
  }

  @Test
  void unchangedSecrets_areVouchedFor_withOneListCallPer25SecretsInTheVault() throws Exception {
    List<String> names = seed(30);
    KeyVaultSecretSource source = source("versionCheck=list");
    Map<String, String> read = readAll(source, names);
    vault.resetCalls();
    assertThat(source.currentVersionIds(names)).isEqualTo(read);
    assertThat(vault.calls("GetSecrets")).isEqualTo(2);
    assertThat(vault.calls("GetSecret")).isZero();
  }

  @Test
  void aRotatedDisabledOrDeletedSecret_isLeftOutForARead() throws Exception {
    List<String> names = seed(4);
    KeyVaultSecretSource source = source("versionCheck=list");
    readAll(source, names);
    vault.rotate("s0", "new");
    SecretProperties p = writer.getSecret("s1").getProperties();
    writer.updateSecretProperties(p.setEnabled(false));
    vault.delete("s2");
    assertThat(source.currentVersionIds(names)).containsOnlyKeys("s3");
    assertThatThrownBy(() -> source.fetch("s1", VersionSelector.CURRENT)).isInstanceOf(SecretSourceException.class)
        .satisfies(e -> assertThat(((SecretSourceException) e).kind()).isNotEqualTo(Kind.TRANSIENT));
  }

  @Test
  void aValueNotReadWithinConfirmEvery_isNotVouchedFor() throws Exception {
    List<String> names = seed(3);
    KeyVaultSecretSource source = source("versionCheck=list&confirmEvery=10m");
    readAll(source, names);
    ticker.advance(Duration.ofMinutes(11));
    source.fetch("s1", VersionSelector.CURRENT);
    assertThat(source.currentVersionIds(names)).containsOnlyKeys("s1");
  }

  @Test
  void byDefault_thereIsNoListCheck() throws Exception {
    List<String> names = seed(2);
    KeyVaultSecretSource source = source("");
    readAll(source, names);
    vault.resetCalls();
    assertThat(source.currentVersionIds(names)).isEmpty();
    assertThat(vault.totalCalls()).isZero();
  }

  @Test
  void confirmEvery_withoutTheListCheck_isAConfigurationError() {
    assertThatThrownBy(() -> KeyVaultSettings.parse(SourceUri.parse(vault.sourceUri("confirmEvery=1h"),
        Environment.DEVELOPMENT))).isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("confirmEvery").hasMessageContaining("versionCheck=list");
  }

  @Test
  void overTheVaultsLimit_aReadIsTransient_withTheRetryAfterOfTheWindow() throws Exception {
    seed(1);
    KeyVaultSecretSource source = source("retries=0");
    vault.quotas().limit(0);
    SecretSourceException e = org.assertj.core.api.Assertions.catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("s0", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(1),
        Duration.ofSeconds(10)));
    assertThat(vault.quotas().throttled()).isPositive();
  }

  @Test
  void publishedQuotas_areTheVaultsSecretsLimit() {
    assertThat(source("").publishedQuotas()).singleElement()
        .satisfies(q -> assertThat(q.perSecond()).isEqualTo(400.0));
  }
}
