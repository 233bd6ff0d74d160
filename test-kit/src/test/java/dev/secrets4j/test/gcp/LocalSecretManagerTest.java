package dev.secrets4j.test.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.FieldMask;
import java.time.Duration;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local Secret Manager, as the official client sees it. */
class LocalSecretManagerTest {
  private static final String SECRET = "projects/" + LocalSecretManager.PROJECT + "/secrets/api-key";

  private final LocalSecretManager server = LocalSecretManager.start();
  private final SecretManagerServiceClient client = server.newClient();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(server.endpoint()).startsWith("127.0.0.1:");
    assertThat(server.sourceUri("acme", "prefix=team-"))
        .isEqualTo("gcp-sm://acme?endpoint=" + server.endpoint() + "&plaintext=true&prefix=team-");
  }

  @Test
  void put_addsTheLatestVersion_withItsChecksum_andCountsNoCall() {
    assertThat(server.put("api-key", "one")).isEqualTo("1");
    assertThat(server.put(SECRET, "two")).isEqualTo("2");
    assertThat(server.totalCalls()).isZero();

    AccessSecretVersionResponse r = client.accessSecretVersion(SECRET + "/versions/latest");
    assertThat(r.getName()).isEqualTo(SECRET + "/versions/2");
    assertThat(r.getPayload().getData().toStringUtf8()).isEqualTo("two");
    CRC32C crc = new CRC32C();
    crc.update(r.getPayload().getData().toByteArray());
    assertThat(r.getPayload().getDataCrc32C()).isEqualTo(crc.getValue());
    assertThat(server.calls("AccessSecretVersion")).isEqualTo(1);
    assertThat(server.requests()).containsExactly("AccessSecretVersion " + SECRET + "/versions/latest");
  }

  @Test
  void rotate_addsANewLatest_andKeepsThePreviousEnabled_butNeedsTheSecret() {
    server.put("api-key", "one");
    assertThat(server.rotate("api-key", "two")).isEqualTo("2");

    assertThat(server.versionIds("api-key")).containsExactly("1", "2");
    assertThat(client.getSecretVersion(SECRET + "/versions/1").getState()).isEqualTo(SecretVersion.State.ENABLED);
    assertThat(client.accessSecretVersion(SECRET + "/versions/latest").getPayload().getData().toStringUtf8())
        .isEqualTo("two");
    assertThatThrownBy(() -> server.rotate("missing", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delete_removesTheSecret_soReadsAreNotFound() {
    server.put("api-key", "one");
    server.delete("api-key");

    assertThatThrownBy(() -> client.accessSecretVersion(SECRET + "/versions/latest"))
        .isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND));
    assertThat(server.versionIds("api-key")).isEmpty();
  }

  @Test
  void fault_narrowedToAMethodASecretAndACount_playsThenGoes() {
    server.put("api-key", "one");
    server.put("other", "two");
    server.inject(Fault.throttling().on("AccessSecretVersion").forSecret("api-key").times(1));

    assertThat(client.accessSecretVersion(SECRET.replace("api-key", "other") + "/versions/latest")
        .getPayload().getData().toStringUtf8()).isEqualTo("two");
    assertThatThrownBy(() -> client.accessSecretVersion(SECRET + "/versions/latest"))
        .isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.RESOURCE_EXHAUSTED));
    assertThat(client.accessSecretVersion(SECRET + "/versions/latest").getPayload().getData().toStringUtf8())
        .isEqualTo("one");
    assertThat(server.calls("AccessSecretVersion")).isEqualTo(3);
    server.resetCalls();
    assertThat(server.totalCalls()).isZero();
  }

  @Test
  void unnarrowedFault_hitsEveryMethod_untilCleared() {
    server.put("api-key", "one");
    server.inject(Fault.unavailable());

    assertThatThrownBy(() -> client.getSecret(SECRET)).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> client.getSecretVersion(SECRET + "/versions/1")).isInstanceOf(ApiException.class);
    server.clearFaults();
    assertThat(client.getSecret(SECRET).getName()).isEqualTo(SECRET);
  }

  @Test
  void corruptedPayload_keepsTheChecksumOfTheStoredValue() {
    server.put("api-key", "one");
    server.corruptNextPayloads(1);

    AccessSecretVersionResponse r = client.accessSecretVersion(SECRET + "/versions/latest");
    CRC32C crc = new CRC32C();
    crc.update(r.getPayload().getData().toByteArray());
    assertThat(r.getPayload().getDataCrc32C()).isNotEqualTo(crc.getValue());
  }

  // ------------------------------------------------------------------ the service's own answers

  private static ApiException failure(Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void throttling_isResourceExhausted_withTheQuotaMessage_andARetryInfoInTheStatusDetails() {
    server.put("api-key", "one");
    server.inject(Fault.throttling(Duration.ofSeconds(7)).on("AccessSecretVersion"));

    ApiException e = failure(() -> client.accessSecretVersion(SECRET + "/versions/latest"));

    assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.RESOURCE_EXHAUSTED);
    assertThat(e.getMessage()).contains("Quota exceeded for quota metric 'Access requests'");
    assertThat(e.getErrorDetails().getRetryInfo().getRetryDelay().getSeconds()).isEqualTo(7);
  }

  @Test
  void withoutProjectAccess_aMissingSecretIsPermissionDenied_likeTheService() {
    server.put("api-key", "one");
    server.projectAccess(false);
    String missing = SECRET.replace("api-key", "nowhere") + "/versions/latest";

    ApiException e = failure(() -> client.accessSecretVersion(missing));

    assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.PERMISSION_DENIED);
    assertThat(e.getMessage()).contains("Permission 'secretmanager.versions.access' denied for resource '" + missing
        + "' (or it may not exist).");
    assertThat(client.accessSecretVersion(SECRET + "/versions/latest").getPayload().getData().toStringUtf8())
        .isEqualTo("one");
    server.projectAccess(true);
    assertThat(failure(() -> client.accessSecretVersion(missing)).getStatusCode().getCode())
        .isEqualTo(StatusCode.Code.NOT_FOUND);
  }

  @Test
  void deniedAccess_refusesEveryCallAboutThatSecret_namingThePermission() {
    server.put("api-key", "one");
    server.denyAccess("api-key");

    assertThat(failure(() -> client.getSecretVersion(SECRET + "/versions/latest")).getMessage())
        .contains("Permission 'secretmanager.versions.get' denied for resource '" + SECRET + "/versions/latest'");
    assertThat(failure(() -> client.getSecret(SECRET)).getStatusCode().getCode())
        .isEqualTo(StatusCode.Code.PERMISSION_DENIED);
    server.allowAccess("api-key");
    assertThat(client.getSecret(SECRET).getName()).isEqualTo(SECRET);
  }

  @Test
  void versionAlias_readsTheVersionItPointsAt_setDirectlyOrWithUpdateSecret() {
    server.put("api-key", "one");
    server.put("api-key", "two");
    server.alias("api-key", "prod", "1");

    AccessSecretVersionResponse r = client.accessSecretVersion(SECRET + "/versions/prod");
    assertThat(r.getName()).isEqualTo(SECRET + "/versions/1");
    assertThat(r.getPayload().getData().toStringUtf8()).isEqualTo("one");

    client.updateSecret(Secret.newBuilder().setName(SECRET).putVersionAliases("prod", 2).build(),
        FieldMask.newBuilder().addPaths("version_aliases").build());
    assertThat(client.getSecretVersion(SECRET + "/versions/prod").getName()).isEqualTo(SECRET + "/versions/2");
    assertThat(failure(() -> client.accessSecretVersion(SECRET + "/versions/canary")).getStatusCode().getCode())
        .isEqualTo(StatusCode.Code.NOT_FOUND);
    assertThat(failure(() -> client.updateSecret(Secret.newBuilder().setName(SECRET).putVersionAliases("prod", 9)
        .build(), FieldMask.newBuilder().addPaths("version_aliases").build())).getStatusCode().getCode())
        .isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
    assertThatThrownBy(() -> server.alias("api-key", "latest", "1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void disabledAndDestroyedVersions_areFailedPrecondition_inTheServicesWords_alsoThroughAnAlias() {
    server.put("api-key", "one");
    server.put("api-key", "two");
    server.alias("api-key", "prod", "1");
    client.disableSecretVersion(SECRET + "/versions/1");
    client.destroySecretVersion(SECRET + "/versions/2");

    ApiException disabled = failure(() -> client.accessSecretVersion(SECRET + "/versions/prod"));
    ApiException destroyed = failure(() -> client.accessSecretVersion(SECRET + "/versions/latest"));

    assertThat(disabled.getStatusCode().getCode()).isEqualTo(StatusCode.Code.FAILED_PRECONDITION);
    assertThat(disabled.getMessage()).contains("Secret Version [" + SECRET + "/versions/1] is in DISABLED state.");
    assertThat(destroyed.getStatusCode().getCode()).isEqualTo(StatusCode.Code.FAILED_PRECONDITION);
    assertThat(destroyed.getMessage()).contains("Secret Version [" + SECRET + "/versions/2] is in DESTROYED state.");
    assertThat(client.getSecretVersion(SECRET + "/versions/latest").getState())
        .isEqualTo(SecretVersion.State.DESTROYED);
  }

  @Test
  void laggingLatest_answersTheVersionBeforeForTheGivenReads_thenTheNewest() {
    server.latestLagsBy(2);
    server.put("api-key", "one");
    server.put("api-key", "two");

    assertThat(client.getSecretVersion(SECRET + "/versions/latest").getName()).endsWith("/versions/1");
    assertThat(client.accessSecretVersion(SECRET + "/versions/latest").getName()).endsWith("/versions/1");
    assertThat(client.accessSecretVersion(SECRET + "/versions/latest").getName()).endsWith("/versions/2");
    assertThat(client.accessSecretVersion(SECRET + "/versions/2").getPayload().getData().toStringUtf8())
        .isEqualTo("two");
  }
}
