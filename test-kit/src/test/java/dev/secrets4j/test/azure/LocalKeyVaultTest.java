package dev.secrets4j.test.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.SecretServiceVersion;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.time.Duration;
import java.time.Instant;
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

  private SecretClient client(String vaultUrl, TestCredential credential, boolean verify) {
    SecretClientBuilder b = new SecretClientBuilder().vaultUrl(vaultUrl).credential(credential)
        .httpClient(LocalKeyVault.httpClient())
        .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
    if (!verify) {
      b.disableChallengeResourceVerification();
    }
    return b.buildClient();
  }

  private static String errorCode(HttpResponseException e) {
    return String.valueOf(e.getValue());
  }

  @Test
  void listensOnLoopbackOnly_andAnswersUnderAVaultName() {
    assertThat(vault.endpoint()).startsWith("https://127.0.0.1:");
    assertThat(vault.vaultUrl()).isEqualTo("https://" + vault.vaultName() + ".vault.azure.net")
        .endsWith(vault.endpoint().substring(vault.endpoint().lastIndexOf(':') + 1) + ".vault.azure.net");
    assertThat(vault.sourceUri("retries=0")).isEqualTo("azure-kv://" + vault.vaultName() + "?retries=0");
    assertThat(vault.loopbackSourceUri("retries=0"))
        .isEqualTo("azure-kv:" + vault.endpoint() + "?verifyChallengeResource=false&retries=0");
    assertThat(LocalKeyVault.certificate().getSubjectX500Principal().getName()).contains("CN=localhost");
    assertThatThrownBy(() -> vault.vaultUrl("vault.azure.de")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void put_storesTheLatestVersion_withoutARequest_andTheSdkReadsIt_afterTheChallenge_withTheResourceCheckOn() {
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
  void eachCloudsVaultDomain_isChallengedWithThatCloudsResource_soTheSdkCheckPasses() {
    vault.put("api-key", "v");
    for (String domain : List.of("vault.azure.net", "vault.azure.cn", "vault.usgovcloudapi.net")) {
      TestCredential credential = TestCredential.valid();
      assertThat(client(vault.vaultUrl(domain), credential, true).getSecret("api-key").getValue()).isEqualTo("v");
      assertThat(credential.requests().get(0).getScopes()).containsExactly("https://" + domain + "/.default");
    }
  }

  @Test
  void theLoopbackAddress_failsTheSdksResourceCheck_andPassesWithItOff() {
    vault.put("api-key", "v");
    assertThatThrownBy(() -> client(vault.endpoint(), TestCredential.valid(), true).getSecret("api-key"))
        .hasMessageContaining("does not match the requested domain");
    assertThat(client(vault.endpoint(), TestCredential.valid(), false).getSecret("api-key").getValue())
        .isEqualTo("v");
  }

  @Test
  void aNameNoLocalServerHolds_isRefusedByTheTunnel_soNothingReachesTheRealService() {
    assertThatThrownBy(() -> client("https://not-a-local-vault.vault.azure.net", TestCredential.valid(), true)
        .getSecret("api-key")).hasStackTraceContaining("502");
  }

  @Test
  void anApiVersionTheVaultDoesNotSpeak_isBadParameter_asTheServiceAnswers() {
    vault.put("api-key", "v");
    vault.apiVersions("2016-10-01", "7.1");
    assertThatThrownBy(() -> client.getSecret("api-key"))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
          assertThat(e.getMessage()).contains("BadParameter", "The specified version ("
              + SecretServiceVersion.getLatest().getVersion() + ") is not recognized. Consider using the latest"
              + " supported version (7.1).");
        });
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
  void disabledVersion_isForbidden_withInnerErrorSecretDisabled() {
    KeyVaultSecret s = client.setSecret("switched-off", "v");
    client.updateSecretProperties(s.getProperties().setEnabled(false));
    assertThatThrownBy(() -> client.getSecret("switched-off"))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
          assertThat(errorCode(e)).contains("Forbidden", "SecretDisabled");
        });
  }

  @Test
  void deleteThroughTheSdk_isSoft_theSecretIsNotFound_butReadableAsDeleted_andItsNameIsTaken() {
    client.setSecret("api-key", "one");
    DeletedSecret deleted = client.beginDeleteSecret("api-key").poll().getValue();

    assertThat(deleted.getRecoveryId()).isEqualTo(vault.vaultUrl() + "/deletedsecrets/api-key");
    assertThat(deleted.getScheduledPurgeDate()).isAfter(deleted.getDeletedOn().plusDays(89));
    assertThat(vault.isDeleted("api-key")).isTrue();
    assertThatThrownBy(() -> client.getSecret("api-key"))
        .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.getMessage())
            .contains("SecretNotFound", "If you recently deleted this secret you may be able to recover it"));
    assertThat(client.getDeletedSecret("api-key").getRecoveryId()).isEqualTo(deleted.getRecoveryId());
    assertThatThrownBy(() -> client.setSecret("api-key", "two"))
        .isInstanceOfSatisfying(ResourceModifiedException.class, e -> assertThat(e.getMessage())
            .contains("ObjectIsDeletedButRecoverable"));
    assertThatThrownBy(() -> vault.put("api-key", "two")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void recoverThroughTheSdk_bringsEveryVersionBack_andPurge_freesTheName() {
    String v1 = vault.put("api-key", "one");
    vault.put("api-key", "two");
    vault.delete("api-key");

    assertThat(client.beginRecoverDeletedSecret("api-key").poll().getStatus())
        .isNotEqualTo(LongRunningOperationStatus.FAILED);
    assertThat(client.getSecret("api-key").getValue()).isEqualTo("two");
    assertThat(client.getSecret("api-key", v1).getValue()).isEqualTo("one");

    vault.delete("api-key");
    client.purgeDeletedSecret("api-key");
    assertThat(vault.isDeleted("api-key")).isFalse();
    assertThatThrownBy(() -> client.getDeletedSecret("api-key")).isInstanceOf(ResourceNotFoundException.class);
    assertThat(client.setSecret("api-key", "fresh").getValue()).isEqualTo("fresh");
    assertThat(vault.versionIds("api-key")).hasSize(1);
  }

  @Test
  void deletingOrRecoveringWhatIsNotThere_isAnError() {
    assertThatThrownBy(() -> vault.delete("missing")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vault.recover("missing")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vault.purge("missing")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void frozenWriteTime_givesVersionsTheSameCreationSecond_andUpdatesTheSameTime() {
    Instant at = Instant.parse("2026-03-01T10:00:00.700Z");
    vault.freezeWriteTime(at);
    KeyVaultSecret a = client.setSecret("same-second", "a");
    KeyVaultSecret b = client.setSecret("same-second", "b");
    SecretProperties patched = client.updateSecretProperties(a.getProperties().setContentType("text/plain"));
    vault.freezeWriteTime(null);
    KeyVaultSecret c = client.setSecret("same-second", "c");

    assertThat(a.getProperties().getCreatedOn().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"))
        .isEqualTo(b.getProperties().getCreatedOn().toInstant())
        .isEqualTo(patched.getUpdatedOn().toInstant());
    assertThat(c.getProperties().getCreatedOn().toInstant()).isAfter(a.getProperties().getCreatedOn().toInstant());
  }

  @Test
  void fault_narrowedToASecretAndACount_playsThenGoes_andIsRecorded() {
    vault.put("api-key", "one");
    vault.put("other", "two");
    vault.inject(Fault.serviceUnavailable().forSecret("api-key").times(1));
    SecretClient once = client(vault.vaultUrl(), TestCredential.valid(), true);

    assertThat(once.getSecret("other").getValue()).isEqualTo("two");
    assertThatThrownBy(() -> once.getSecret("api-key"))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> assertThat(e.getResponse().getStatusCode())
            .isEqualTo(503));
    assertThat(once.getSecret("api-key").getValue()).isEqualTo("one");
    assertThat(vault.requests()).filteredOn(r -> r.fault() != null).hasSize(1);
  }

  @Test
  void accessDeniedFault_isRbacsRefusal() {
    vault.put("api-key", "one");
    vault.inject(Fault.accessDenied().on("GetDeletedSecret"));
    vault.delete("api-key");
    assertThatThrownBy(() -> client.getDeletedSecret("api-key"))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
          assertThat(errorCode(e)).contains("ForbiddenByRbac");
        });
    assertThat(vault.calls("GetDeletedSecret")).isEqualTo(1);
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
