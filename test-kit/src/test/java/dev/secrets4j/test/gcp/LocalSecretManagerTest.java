package dev.secrets4j.test.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretVersion;
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
}
