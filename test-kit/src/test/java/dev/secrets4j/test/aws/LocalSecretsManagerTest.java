package dev.secrets4j.test.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** The local server keeps AWS's protocol and stage semantics, as seen through the SDK. */
class LocalSecretsManagerTest {
  private final LocalSecretsManager server = LocalSecretsManager.start();
  private final SecretsManagerClient sdk = server.newClient();

  @AfterEach
  void close() {
    sdk.close();
    server.close();
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(server.endpoint().getPort()).isPositive();
  }

  @Test
  void putSecretValue_makesTheNewValueCurrent_andTheOldOnePrevious() {
    String v1 = sdk.createSecret(r -> r.name("db").secretString("one")).versionId();
    String v2 = sdk.putSecretValue(r -> r.secretId("db").secretString("two")).versionId();
    String v3 = sdk.putSecretValue(r -> r.secretId("db").secretString("three")).versionId();

    assertThat(stages(sdk.listSecretVersionIds(r -> r.secretId("db"))))
        .containsExactlyInAnyOrder(v2 + "=[AWSPREVIOUS]", v3 + "=[AWSCURRENT]");
    assertThat(stages(sdk.listSecretVersionIds(r -> r.secretId("db").includeDeprecated(true))))
        .contains(v1 + "=[]");
    assertThat(sdk.getSecretValue(r -> r.secretId("db")).secretString()).isEqualTo("three");
    assertThat(sdk.getSecretValue(r -> r.secretId("db").versionStage("AWSPREVIOUS")).secretString()).isEqualTo("two");
    assertThat(sdk.getSecretValue(r -> r.secretId("db").versionId(v1)).secretString()).isEqualTo("one");
  }

  @Test
  void clientRequestToken_isTheVersionId_andMakesARepeatedPutIdempotent() {
    sdk.createSecret(r -> r.name("db").secretString("one"));
    String token = "a1b2c3d4-5678-90ab-cdef-000000000001";

    assertThat(sdk.putSecretValue(r -> r.secretId("db").secretString("two").clientRequestToken(token)).versionId())
        .isEqualTo(token);
    sdk.putSecretValue(r -> r.secretId("db").secretString("two").clientRequestToken(token));
    assertThat(sdk.listSecretVersionIds(r -> r.secretId("db")).versions()).hasSize(2);
    assertThatThrownBy(() -> sdk.putSecretValue(r -> r.secretId("db").secretString("other").clientRequestToken(token)))
        .isInstanceOf(ResourceExistsException.class);
  }

  @Test
  void updateSecretVersionStage_movesCurrent_andTheOldHolderBecomesPrevious() {
    String v1 = sdk.createSecret(r -> r.name("db").secretString("one")).versionId();
    String v2 = sdk.putSecretValue(r -> r.secretId("db").secretString("two").versionStages("AWSPENDING")).versionId();
    assertThat(sdk.getSecretValue(r -> r.secretId("db")).versionId()).isEqualTo(v1);

    assertThatThrownBy(() -> sdk.updateSecretVersionStage(r -> r.secretId("db").versionStage("AWSCURRENT")
        .moveToVersionId(v2))).isInstanceOf(InvalidParameterException.class).hasMessageContaining(v1);
    sdk.updateSecretVersionStage(r -> r.secretId("db").versionStage("AWSCURRENT").moveToVersionId(v2)
        .removeFromVersionId(v1));

    assertThat(sdk.describeSecret(r -> r.secretId("db")).versionIdsToStages())
        .containsEntry(v1, List.of("AWSPREVIOUS"))
        .containsEntry(v2, List.of("AWSPENDING", "AWSCURRENT"));
    assertThat(sdk.describeSecret(r -> r.secretId("db")).lastRotatedDate()).isNotNull();
  }

  @Test
  void batchGetSecretValue_reportsMissingSecretsInErrors_andRefusesMoreThan20Ids() {
    server.put("a", "1");
    BatchGetSecretValueResponse r = sdk.batchGetSecretValue(b -> b.secretIdList("a", "missing"));

    assertThat(r.secretValues()).extracting(v -> v.name() + "=" + v.secretString()).containsExactly("a=1");
    assertThat(r.errors()).singleElement().satisfies(e -> {
      assertThat(e.secretId()).isEqualTo("missing");
      assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
    });
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      ids.add("s" + i);
    }
    assertThatThrownBy(() -> sdk.batchGetSecretValue(b -> b.secretIdList(ids)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void errors_areAwsJson11_withTypeAndMessage_andModelledOnesBecomeTheirSdkException() throws Exception {
    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("missing")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("can't find the specified secret");

    HttpResponse<String> unsigned = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(server.endpoint())
        .header("X-Amz-Target", "secretsmanager.GetSecretValue")
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(unsigned.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
    assertThat(unsigned.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"", "\"Message\"");
  }

  @Test
  void callCounters_countEveryRequestPerOperation_faultedOnesToo() {
    server.put("a", "1");
    server.inject(Fault.throttling().on("GetSecretValue").times(1));

    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("a"))).isInstanceOf(SecretsManagerException.class)
        .satisfies(e -> assertThat(((SecretsManagerException) e).isThrottlingException()).isTrue());
    sdk.getSecretValue(r -> r.secretId("a"));
    sdk.describeSecret(r -> r.secretId("a"));

    assertThat(server.calls("GetSecretValue")).isEqualTo(2);
    assertThat(server.calls("DescribeSecret")).isEqualTo(1);
    assertThat(server.totalCalls()).isEqualTo(3);
    server.resetCalls();
    assertThat(server.totalCalls()).isZero();
  }

  @Test
  void faultNarrowedToOneSecret_leavesOthersAlone() {
    server.put("a", "1");
    server.put("b", "2");
    server.inject(Fault.internalError().forSecret("a"));

    assertThat(sdk.getSecretValue(r -> r.secretId("b")).secretString()).isEqualTo("2");
    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("a")))
        .isInstanceOfSatisfying(SecretsManagerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    server.clearFaults();
    assertThat(sdk.getSecretValue(r -> r.secretId("a")).secretString()).isEqualTo("1");
  }

  @Test
  void unknownOperation_isRefusedByName() throws Exception {
    HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
        .header("X-Amz-Target", "secretsmanager.RotateSecret")
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/secretsmanager/aws4_request, "
            + "SignedHeaders=host, Signature=00")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("UnknownOperationException", "RotateSecret");
  }

  @Test
  void put_createsOrAddsACurrentVersion_rotateMakesTheOldOnePrevious_andRecordsTheRotation() {
    String v1 = server.put("db", "one");
    assertThat(sdk.describeSecret(r -> r.secretId("db")).lastRotatedDate()).isNull();
    String v2 = server.rotate("db", "two");

    assertThat(server.versionIds("db")).containsExactly(v1, v2);
    assertThat(server.versionIdWithStage("db", LocalSecretsManager.CURRENT)).isEqualTo(v2);
    assertThat(server.versionIdWithStage("db", LocalSecretsManager.PREVIOUS)).isEqualTo(v1);
    assertThat(sdk.getSecretValue(r -> r.secretId("db")).secretString()).isEqualTo("two");
    assertThat(sdk.describeSecret(r -> r.secretId("db")).lastRotatedDate()).isNotNull();
    assertThat(server.totalCalls()).isEqualTo(3);
    assertThatThrownBy(() -> server.rotate("missing", "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("x\"");
  }

  @Test
  void delete_schedulesDeletion_soReadsAreRefused_untilRestored() {
    server.put("db", "one");
    server.delete("db");

    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("db")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("marked for deletion");
    sdk.restoreSecret(r -> r.secretId("db"));
    assertThat(sdk.getSecretValue(r -> r.secretId("db")).secretString()).isEqualTo("one");
  }

  @Test
  void sourceUri_namesTheRegionAndTheEndpoint() {
    assertThat(server.sourceUri("prefix=dev/"))
        .isEqualTo("aws-sm://us-east-1?endpoint=" + server.endpoint() + "&prefix=dev/");
  }

  private static List<String> stages(ListSecretVersionIdsResponse r) {
    List<String> out = new ArrayList<>();
    for (SecretVersionsListEntry e : r.versions()) {
      out.add(e.versionId() + "=" + e.versionStages());
    }
    return out;
  }
}
