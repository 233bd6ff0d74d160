package dev.secrets4j.test.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local Key Vault, as the official SDK sees it over HTTPS with the bearer challenge. */
class LocalKeyVaultTest {
  private final LocalKeyVault vault = LocalKeyVault.start();
  private final SecretClient client = vault.newClient();

  @AfterEach
  void close() {
    vault.close();
  }

  @Test
  void listensOnLoopbackOnly_overHttps() {
    assertThat(vault.endpoint()).startsWith("https://127.0.0.1:");
    assertThat(vault.sourceUri("retries=0"))
        .isEqualTo("azure-kv:" + vault.endpoint() + "?verifyChallengeResource=false&retries=0");
    assertThat(LocalKeyVault.certificate().getSubjectX500Principal().getName()).contains("CN=localhost");
  }

  @Test
  void put_storesTheLatestVersion_withoutARequest_andTheSdkReadsIt_afterTheChallenge() {
    String v1 = vault.put("api-key", "one");
    String v2 = vault.put("API-KEY", "two");

    assertThat(vault.totalCalls()).isZero();
    assertThat(client.getSecret("api-key").getValue()).isEqualTo("two");
    assertThat(client.getSecret("api-key", v1).getValue()).isEqualTo("one");
    assertThat(vault.versionIds("api-key")).containsExactly(v1, v2);
    assertThat(vault.requests().get(0).status()).isEqualTo(401);
    assertThat(vault.calls("GetSecret")).isEqualTo(2);
  }

  @Test
  void rotate_addsANewLatest_andKeepsThePreviousReadable_butNeedsTheSecret() {
    String v1 = vault.put("api-key", "one");
    String v2 = vault.rotate("api-key", "two");

    assertThat(client.getSecret("api-key").getProperties().getVersion()).isEqualTo(v2);
    List<String> listed = new ArrayList<>();
    for (SecretProperties p : client.listPropertiesOfSecretVersions("api-key")) {
      listed.add(p.getVersion());
    }
    assertThat(listed).containsExactlyInAnyOrder(v1, v2);
    assertThat(vault.calls("GetSecretVersions")).isEqualTo(1);
    assertThatThrownBy(() -> vault.rotate("missing", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delete_removesTheSecret_soReadsAreNotFound() {
    vault.put("api-key", "one");
    vault.delete("api-key");

    assertThatThrownBy(() -> client.getSecret("api-key")).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void fault_narrowedToASecretAndACount_playsThenGoes_andIsRecorded() {
    vault.put("api-key", "one");
    vault.put("other", "two");
    vault.inject(Fault.serviceUnavailable().forSecret("api-key").times(1));
    SecretClient once = new com.azure.security.keyvault.secrets.SecretClientBuilder().vaultUrl(vault.endpoint())
        .credential(TestCredential.valid()).httpClient(LocalKeyVault.httpClient())
        .retryOptions(new com.azure.core.http.policy.RetryOptions(
            new com.azure.core.http.policy.FixedDelayOptions(0, java.time.Duration.ZERO)))
        .disableChallengeResourceVerification().buildClient();

    assertThat(once.getSecret("other").getValue()).isEqualTo("two");
    assertThatThrownBy(() -> once.getSecret("api-key"))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> assertThat(e.getResponse().getStatusCode())
            .isEqualTo(503));
    assertThat(once.getSecret("api-key").getValue()).isEqualTo("one");
    assertThat(vault.requests()).filteredOn(r -> r.fault() != null).hasSize(1);
  }

  @Test
  void writesThroughTheSdk_areSetSecretCalls_andUnnarrowedFaultsLeaveThemAlone() {
    vault.inject(Fault.internalError());
    client.setSecret("api-key", "written");
    vault.clearFaults();

    assertThat(vault.calls("SetSecret")).isEqualTo(1);
    assertThat(client.getSecret("api-key").getValue()).isEqualTo("written");
    assertThat(vault.requests()).allSatisfy(r -> assertThat(r.toString()).doesNotContain("written"));
    vault.resetCalls();
    assertThat(vault.totalCalls()).isZero();
  }
}
