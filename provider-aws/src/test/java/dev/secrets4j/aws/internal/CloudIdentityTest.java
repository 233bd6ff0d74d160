package dev.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.aws.AwsSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.aws.LocalSecretsManager;
import dev.secrets4j.test.aws.LocalSts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

/** Credentials as teams deploy: a web identity (IRSA), an assumed role with an external id; FIPS endpoints; ARNs. */
class CloudIdentityTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/payments-reader";
  private final LocalStore store = new LocalStore();
  private final LocalSecretsManager server = store.server;
  private final LocalSts sts = LocalSts.start();

  @AfterEach
  void close() {
    sts.close();
    store.close();
  }

  private AwsSecretsManagerSource source(String extra) {
    return store.source("app/", extra);
  }

  @Test
  void roleArn_assumesTheRoleWithTheExternalIdAndSessionName_andSignsWithTheRolesCredentials() throws Exception {
    server.put("app/db", "pw");
    sts.requireExternalId(ROLE, "ext-4471");
    AwsSecretsManagerSource source = source("&roleArn=" + ROLE + "&externalId=ext-4471&sessionName=payments-api"
        + "&stsEndpoint=" + sts.endpoint());

    assertThat(source.fetch("db", VersionSelector.CURRENT).valueAsString()).isEqualTo("pw");

    assertThat(sts.calls("AssumeRole")).isEqualTo(1);
    assertThat(sts.lastRequest("AssumeRole")).containsEntry("RoleArn", ROLE).containsEntry("ExternalId", "ext-4471")
        .containsEntry("RoleSessionName", "payments-api");
    assertThat(sts.lastCallerAccessKeyId()).as("AssumeRole signed with the base credentials")
        .isEqualTo(System.getProperty("aws.accessKeyId"));
    assertThat(server.lastAccessKeyId()).isEqualTo(sts.issuedAccessKeyIds().get(0));
  }

  @Test
  void roleArn_withoutTheExternalIdTheTrustPolicyAsksFor_isAccessDenied() {
    server.put("app/db", "pw");
    sts.requireExternalId(ROLE, "ext-4471");
    AwsSecretsManagerSource source = source("&roleArn=" + ROLE + "&stsEndpoint=" + sts.endpoint());

    assertThat(catchThrowable(() -> source.fetch("db", VersionSelector.CURRENT)))
        .isInstanceOfSatisfying(dev.secrets4j.spi.SecretSourceException.class, e -> assertThat(e.kind())
            .isEqualTo(dev.secrets4j.spi.SecretSourceException.Kind.ACCESS_DENIED))
        .hasMessageContaining(ROLE);
    assertThat(server.calls("GetSecretValue")).isZero();
  }

  @Test
  void assumedSession_isCachedForItsLifetime_notAssumedPerRead() throws Exception {
    server.put("app/db", "pw");
    AwsSecretsManagerSource source = source("&roleArn=" + ROLE + "&stsEndpoint=" + sts.endpoint());
    sts.sessionDuration(Duration.ofHours(1));
    source.fetch("db", VersionSelector.CURRENT);
    source.fetch("db", VersionSelector.CURRENT);
    assertThat(sts.calls("AssumeRole")).as("a session of an hour is reused").isEqualTo(1);

    assertThat(server.lastAccessKeyId()).isEqualTo(sts.issuedAccessKeyIds().get(0));
  }

  @ParameterizedTest(name = "{0} s left")
  @CsvSource({"50", "5"})
  void assumedSession_isRenewedBeforeItExpires_withTheExternalIdAgain(long secondsLeft) throws Exception {
    server.put("app/db", "pw");
    sts.requireExternalId(ROLE, "ext-4471");
    // a session of 15 minutes (the shortest AWS grants) issued as if 15 minutes minus secondsLeft ago: inside the
    // stale window (its last minute), where the SDK must renew before signing. Not the prefetch window (5 min
    // before Expiration): the SDK jitters the prefetch instant at random within it, so a session there may or may
    // not be renewed on the next call. The SDK reads the system clock.
    sts.sessionDuration(Duration.ofMinutes(15))
        .clock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(secondsLeft).minusMinutes(15)));
    AwsSecretsManagerSource source = source("&roleArn=" + ROLE + "&externalId=ext-4471&stsEndpoint="
        + sts.endpoint());
    source.fetch("db", VersionSelector.CURRENT);
    assertThat(server.lastAccessKeyId()).isEqualTo(sts.issuedAccessKeyIds().get(0));

    sts.clock(Clock.systemUTC()); // the renewed session has its full 15 minutes
    source.fetch("db", VersionSelector.CURRENT);
    source.fetch("db", VersionSelector.CURRENT);

    assertThat(sts.calls("AssumeRole")).as("renewed once, then reused").isEqualTo(2);
    assertThat(sts.lastRequest("AssumeRole")).containsEntry("ExternalId", "ext-4471").containsEntry("RoleArn", ROLE);
    assertThat(server.lastAccessKeyId()).as("reads sign with the renewed session")
        .isEqualTo(sts.issuedAccessKeyIds().get(1));
  }

  /**
   * IRSA: the SDK's web identity provider (the one its default chain builds from {@code AWS_ROLE_ARN} and
   * {@code AWS_WEB_IDENTITY_TOKEN_FILE}) given its role and token file in code, with an STS client on the local
   * STS, so no process-wide setting changes. In production nothing is given and the default chain reads the
   * variables EKS sets.
   */
  @Test
  void webIdentityTokenFileAndRoleArn_giveTheRolesCredentials(@TempDir Path dir) throws Exception {
    server.put("app/db", "pw");
    Path token = dir.resolve("token");
    Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.local-irsa-token.sig", StandardCharsets.UTF_8);
    try (StsClient stsClient = StsClient.builder().region(Region.US_EAST_1).endpointOverride(sts.endpoint())
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        StsWebIdentityTokenFileCredentialsProvider irsa = StsWebIdentityTokenFileCredentialsProvider.builder()
            .stsClient(stsClient).roleArn(ROLE).webIdentityTokenFile(token).roleSessionName("irsa-session")
            .build();
        SecretSource source = AwsSecretSources.fromUri(store.uri("app/", ""), irsa)) {
      assertThat(source.fetch("db", VersionSelector.CURRENT).valueAsString()).isEqualTo("pw");
    }
    assertThat(sts.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
    assertThat(sts.lastRequest("AssumeRoleWithWebIdentity")).containsEntry("RoleArn", ROLE)
        .containsEntry("RoleSessionName", "irsa-session")
        .containsEntry("WebIdentityToken", "eyJhbGciOiJSUzI1NiJ9.local-irsa-token.sig");
    assertThat(server.lastAccessKeyId()).isEqualTo(sts.issuedAccessKeyIds().get(0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "fips=true | secretsmanager-fips.us-east-1.amazonaws.com",
      "fips=false | secretsmanager.us-east-1.amazonaws.com"})
  void fips_sendsRequestsToTheFipsEndpoint(String param, String host) {
    AtomicReference<String> sentTo = new AtomicReference<>();
    ExecutionInterceptor capture = new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sentTo.set(context.httpRequest().host());
        throw new IllegalStateException("captured; not sent");
      }
    };
    AwsSecretsManagerSource source = AwsSources.create(AwsSourceSettings.parse(SourceUri.parse(
        "aws-sm://us-east-1?maxAttempts=1&" + param, Environment.DEVELOPMENT)), null, Clock.systemUTC(), capture);
    catchThrowable(() -> source.fetch("db", VersionSelector.CURRENT));
    source.close();

    assertThat(sentTo.get()).isEqualTo(host);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "aws-sm://us-east-1?roleArn=payments | not an IAM role ARN",
      "aws-sm://us-east-1?externalId=abc | without roleArn",
      "aws-sm://us-east-1?roleArn=" + ROLE + "&sessionName=a | sessionName=a",
      "aws-sm://us-east-1?stsEndpoint=http://127.0.0.1:1 | stsEndpoint without roleArn",
      "aws-sm://us-east-1?fips=yes | parameter 'fips' value 'yes' is not true or false",
      "aws-sm://us-east-1?fips=true&endpoint=https://vpce.example | drop endpoint="})
  void malformedIdentityParameters_areNamed(String uri, String problem) {
    assertThatThrownBy(() -> AwsSourceSettings.parse(SourceUri.parse(uri, Environment.DEVELOPMENT)))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining(problem)
        .hasMessageContaining("roleArn=arn:aws:iam::ACCOUNT:role/NAME");
  }

  @Test
  void arns_fullPartialAndOfAnotherAccount_areReadAloneAndInABatch_andIgnoreThePrefix() throws Exception {
    server.put("app/own", "own-value");
    String shared = server.putShared("999988887777", "shared/db", "their-value");
    String partialShared = shared.substring(0, shared.length() - 7);
    String ownFull = server.arn("app/own");
    server.put("app/plain", "plain-value");
    AwsSecretsManagerSource source = source("");

    assertThat(source.fetch(ownFull, VersionSelector.CURRENT).valueAsString()).isEqualTo("own-value");
    assertThat(source.fetch(partialShared, VersionSelector.CURRENT).valueAsString()).isEqualTo("their-value");
    assertThat(server.lastRequest("GetSecretValue")).containsEntry("SecretId", partialShared);

    server.resetCalls();
    assertThat(source.fetchAll(List.of("plain", ownFull, partialShared, shared)))
        .containsOnlyKeys("plain", ownFull, partialShared, shared)
        .hasEntrySatisfying(partialShared, v -> assertThat(v.valueAsString()).isEqualTo("their-value"));
    assertThat(server.calls("BatchGetSecretValue")).isEqualTo(1);
    assertThat(server.calls("GetSecretValue")).isZero();
  }
}
