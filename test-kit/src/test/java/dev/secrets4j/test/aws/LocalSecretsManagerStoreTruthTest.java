package dev.secrets4j.test.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** The local server answers as the service does when the store says no: KMS, deletion, ARNs, quotas, TLS. */
class LocalSecretsManagerStoreTruthTest {
  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private final LocalSecretsManager server = LocalSecretsManager.start();
  private final SecretsManagerClient sdk = server.newClient();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void disabledKey_failsValueReadsWithDecryptionFailure_whileDescribeStillAnswersWithTheKey() {
    server.put("db", "pw");
    server.kms().useKey("db", "arn:aws:kms:us-east-1:123456789012:key/1111").disable(
        "arn:aws:kms:us-east-1:123456789012:key/1111");

    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("db")))
        .isInstanceOf(DecryptionFailureException.class).hasMessageContaining("can't decrypt");
    assertThat(sdk.batchGetSecretValue(r -> r.secretIdList("db")).errors())
        .singleElement().satisfies(e -> assertThat(e.errorCode()).isEqualTo("DecryptionFailure"));
    assertThat(sdk.describeSecret(r -> r.secretId("db")).kmsKeyId())
        .isEqualTo("arn:aws:kms:us-east-1:123456789012:key/1111");

    server.kms().enable("arn:aws:kms:us-east-1:123456789012:key/1111");
    assertThat(sdk.getSecretValue(r -> r.secretId("db")).secretString()).isEqualTo("pw");
  }

  @Test
  void refusedKey_isAccessToKmsIsNotAllowed() {
    server.put("db", "pw");
    server.kms().denyDecrypt(LocalKms.MANAGED_KEY);

    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("db")))
        .isInstanceOfSatisfying(SecretsManagerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"))
        .hasMessageContaining("Access to KMS is not allowed");
  }

  @Test
  void scheduledDeletion_isVisibleInDescribeSecret_andRefusesValueReads() {
    server.clock(Clock.fixed(T0, ZoneOffset.UTC));
    server.put("db", "pw");
    sdk.deleteSecret(r -> r.secretId("db").recoveryWindowInDays(7L));

    DescribeSecretResponse d = sdk.describeSecret(r -> r.secretId("db"));
    assertThat(d.deletedDate()).isEqualTo(T0);
    assertThat(d.versionIdsToStages()).isNotEmpty();
    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("db")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("You can't perform this operation on the secret because it was marked for deletion.");
    assertThat(sdk.listSecrets(r -> r.includePlannedDeletion(false)).secretList()).isEmpty();
    assertThat(sdk.listSecrets(r -> r.includePlannedDeletion(true)).secretList()).hasSize(1);
  }

  @Test
  void listSecrets_nameFilter_isACaseSensitivePrefix() {
    server.put("Production/db", "a");
    server.put("production/api", "b");

    assertThat(sdk.listSecrets(r -> r.filters(f -> f.key(FilterNameStringType.NAME).values("production/")))
        .secretList()).extracting(e -> e.name()).containsExactly("production/api");
  }

  @Test
  void partialAndCrossAccountArns_areResolved_andAnotherAccountsSecretIsNotFoundByName() {
    server.put("app/db", "own");
    String shared = server.putShared("999988887777", "shared/db", "theirs");
    String partial = shared.substring(0, shared.length() - 7);

    assertThat(sdk.getSecretValue(r -> r.secretId(server.arn("app/db"))).secretString()).isEqualTo("own");
    assertThat(sdk.getSecretValue(r -> r.secretId(
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db")).secretString()).isEqualTo("own");
    assertThat(sdk.getSecretValue(r -> r.secretId(shared)).secretString()).isEqualTo("theirs");
    assertThat(sdk.getSecretValue(r -> r.secretId(partial)).arn()).isEqualTo(shared);
    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("shared/db")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void longErrorTypes_areStillTheSdksTypedExceptions() {
    server.longErrorTypes(true);

    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("missing")))
        .isInstanceOfSatisfying(ResourceNotFoundException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException"));
  }

  @Test
  void listingLag_showsEachSecretAsItWasThatLongAgo_whileDescribeIsCurrent() {
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    server.clock(movable(now)).listingLag(Duration.ofMinutes(5));
    String v1 = server.put("db", "pw1");
    String old = server.put("old", "x");
    assertThat(sdk.listSecrets(r -> r.maxResults(100)).secretList()).as("created within the lag").isEmpty();

    now.set(T0.plus(Duration.ofMinutes(6)));
    String v2 = server.put("db", "pw2");
    sdk.deleteSecret(r -> r.secretId("old"));
    now.set(T0.plus(Duration.ofMinutes(8)));
    assertThat(sdk.listSecrets(r -> r.maxResults(100)).secretList())
        .extracting(e -> e.name() + "=" + currentOf(e.secretVersionsToStages()))
        .containsExactly("db=" + v1, "old=" + old);
    assertThat(sdk.describeSecret(r -> r.secretId("db")).versionIdsToStages()).containsKey(v2);

    now.set(T0.plus(Duration.ofMinutes(11)));
    assertThat(sdk.listSecrets(r -> r.maxResults(100)).secretList())
        .extracting(e -> e.name() + "=" + currentOf(e.secretVersionsToStages()))
        .containsExactly("db=" + v2);
  }

  /** A clock that reads {@code now}, so a test moves time by setting it. */
  private static Clock movable(AtomicReference<Instant> now) {
    return new Clock() {
      @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
  }

  private static String currentOf(java.util.Map<String, java.util.List<String>> stages) {
    for (java.util.Map.Entry<String, java.util.List<String>> e : stages.entrySet()) {
      if (e.getValue().contains("AWSCURRENT")) {
        return e.getKey();
      }
    }
    return "none";
  }

  @Test
  void quota_throttlesCallsOverItWithinOneSecond_andRefillsWhenTheClockMoves() {
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    server.clock(movable(now));
    server.put("db", "pw");
    server.quotas().limit("GetSecretValue", 2);

    sdk.getSecretValue(r -> r.secretId("db"));
    sdk.getSecretValue(r -> r.secretId("db"));
    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("db")))
        .isInstanceOfSatisfying(SecretsManagerException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
          assertThat(e.isThrottlingException()).isTrue();
        });
    sdk.describeSecret(r -> r.secretId("db"));

    now.set(T0.plus(Duration.ofSeconds(1)));
    assertThat(sdk.getSecretValue(r -> r.secretId("db")).secretString()).isEqualTo("pw");
  }

  @Test
  void publishedQuotas_areTheServicesPerSecondQuotas() {
    assertThat(Quotas.GET_SECRET_VALUE).isEqualTo(10_000);
    assertThat(Quotas.DESCRIBE_SECRET).isEqualTo(40_000);
    assertThat(Quotas.LIST_SECRETS).isEqualTo(100);
    assertThat(Quotas.BATCH_GET_SECRET_VALUE).isEqualTo(100);
  }

  @Test
  void denyingOneAction_leavesTheOthersAllowed() {
    server.put("db", "pw");
    server.denyAccess("db", "GetSecretValue");

    assertThatThrownBy(() -> sdk.getSecretValue(r -> r.secretId("db")))
        .isInstanceOfSatisfying(SecretsManagerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    assertThat(sdk.describeSecret(r -> r.secretId("db")).name()).isEqualTo("db");
  }

  @Test
  void https_isServedWithTheTestCertificate_whichOnlyItsTrustManagersTrust() {
    try (LocalSecretsManager tls = LocalSecretsManager.startHttps()) {
      tls.put("db", "pw");
      assertThat(tls.endpoint().getScheme()).isEqualTo("https");
      assertThat(tls.newClient().getSecretValue(r -> r.secretId("db")).secretString()).isEqualTo("pw");

      try (SecretsManagerClient untrusting = SecretsManagerClient.builder().endpointOverride(tls.endpoint())
          .region(Region.of(LocalSecretsManager.REGION))
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "x")))
          .httpClientBuilder(UrlConnectionHttpClient.builder())
          .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
        assertThatThrownBy(() -> untrusting.getSecretValue(r -> r.secretId("db")))
            .isInstanceOf(SdkClientException.class).hasCauseInstanceOf(SSLHandshakeException.class);
      }
    }
  }
}
