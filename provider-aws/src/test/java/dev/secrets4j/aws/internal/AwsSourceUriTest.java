package dev.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.profiles.ProfileFile;

class AwsSourceUriTest {

  private static AwsSourceSettings parse(String uri) {
    return AwsSourceSettings.parse(SourceUri.parse(uri, Environment.STAGING));
  }

  @Test
  void uri_givesRegionPrefixEndpointProfileAndLimits() {
    AwsSourceSettings s = parse("aws-sm://eu-west-1?prefix={env}/&endpoint=https://vpce-1.secretsmanager.eu-west-1"
        + ".vpce.amazonaws.com&profile=ci&attemptTimeout=500ms&callTimeout=PT4S&maxAttempts=5");

    assertThat(s.region()).isEqualTo("eu-west-1");
    assertThat(s.prefix()).isEqualTo("staging/");
    assertThat(s.secretId("stripe-api-key")).isEqualTo("staging/stripe-api-key");
    assertThat(s.endpoint()).hasHost("vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com");
    assertThat(s.profile()).isEqualTo("ci");
    assertThat(s.attemptTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(s.maxAttempts()).isEqualTo(5);
  }

  @Test
  void defaults_boundEveryCall_at3AttemptsOf2sWithin7s() {
    AwsSourceSettings s = parse("aws-sm://us-east-1?prefix=staging/");

    assertThat(s.endpoint()).isNull();
    assertThat(s.profile()).isNull();
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(s.maxAttempts()).isEqualTo(3);
  }

  @Test
  void theSourcesClient_isBuiltWithTheseLimits() {
    try (AwsSecretsManagerSource source = AwsSources.create(
        parse("aws-sm://ap-southeast-2?prefix=staging/&attemptTimeout=1500ms&callTimeout=5s&maxAttempts=4"), null)) {
      ClientOverrideConfiguration o = source.client().serviceClientConfiguration().overrideConfiguration();

      assertThat(o.apiCallAttemptTimeout()).contains(Duration.ofMillis(1500));
      assertThat(o.apiCallTimeout()).contains(Duration.ofSeconds(5));
      assertThat(o.retryStrategy().orElseThrow().maxAttempts()).isEqualTo(4);
      assertThat(source.client().serviceClientConfiguration().region().id()).isEqualTo("ap-southeast-2");
    }
  }

  @Test
  void theRegion_isTheOneRequestsAreSignedFor() throws Exception {
    try (LocalStore store = new LocalStore()) {
      store.server.put("app/k", "v");
      String uri = store.uri("app/", "").replace("us-east-1", "eu-central-1");
      try (AwsSecretsManagerSource source = (AwsSecretsManagerSource) new AwsSecretsManagerProvider()
          .create(SourceUri.parse(uri, Environment.DEVELOPMENT))) {
        source.fetch("k", VersionSelector.CURRENT);
      }
      assertThat(store.server.lastSigningRegion()).isEqualTo("eu-central-1");
    }
  }

  @Test
  void profile_selectsTheCredentialsItSignsWith(@TempDir Path dir) throws Exception {
    Path credentials = dir.resolve("credentials");
    Files.writeString(credentials, "[default]\naws_access_key_id = AKIDFROMPROFILEDEFAULT\naws_secret_access_key = x\n"
        + "[ci]\naws_access_key_id = AKIDFROMPROFILECI\naws_secret_access_key = x\n", StandardCharsets.UTF_8);
    // the shared credentials file, given to the source instead of through AWS_SHARED_CREDENTIALS_FILE
    ProfileFile profiles = ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build();
    try (LocalStore store = new LocalStore()) {
      store.server.put("app/k", "v");
      try (AwsSecretsManagerSource source = AwsSources.create(AwsSourceSettings.parse(SourceUri.parse(
          store.uri("app/", "&profile=ci"), Environment.DEVELOPMENT)), null, Clock.systemUTC(), null, profiles)) {
        assertThat(source.fetch("k", VersionSelector.CURRENT).valueAsString()).isEqualTo("v");
      }
      assertThat(store.server.lastAccessKeyId()).isEqualTo("AKIDFROMPROFILECI");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "aws-sm://?prefix=staging/ | names no region",
      "aws-sm:us-east-1 | names no region",
      "aws-sm://US-EAST-1?prefix=staging/ | not an AWS region name",
      "aws-sm://useast?prefix=staging/ | not an AWS region name",
      "aws-sm://us-east-1/staging/ | ?prefix=staging/",
      "aws-sm://us-east-1?prefix=staging/&region=us-west-2 | unknown parameter 'region'",
      "aws-sm://us-east-1?endpoint=ftp://host | it must be an http(s) URL",
      "aws-sm://us-east-1?endpoint=https://user@host | user info",
      "aws-sm://us-east-1?maxAttempts=0 | parameter 'maxAttempts' value '0' is outside 1 to 10",
      "aws-sm://us-east-1?maxAttempts=three | parameter 'maxAttempts' value 'three' is not an integer",
      "aws-sm://us-east-1?attemptTimeout=soon | parameter 'attemptTimeout' value 'soon' is not a duration",
      "aws-sm://us-east-1?attemptTimeout=10m | parameter 'attemptTimeout' value '10m' is outside",
      "aws-sm://us-east-1?attemptTimeout=3s&callTimeout=1s | shorter than attemptTimeout",
      "aws-sm://us-east-1?profile= | empty profile",
      "aws-sm://us-east-1?versionCheck=cheap | parameter 'versionCheck' value 'cheap' is not one of [value, describe, list]",
      "aws-sm://us-east-1?confirmEvery=1h | confirmEvery without versionCheck=describe",
      "aws-sm://us-east-1?versionCheck=describe&confirmEvery=2d | parameter 'confirmEvery' value '2d' is outside"})
  void malformedUri_isAConfigurationError_namingTheProblemAndTheForm(String uri, String problem) {
    assertThatThrownBy(() -> new AwsSecretsManagerProvider().create(SourceUri.parse(uri, Environment.STAGING)))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(e.getMessage()).contains("aws-sm://REGION?prefix=PREFIX"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"us-east-1, true", "us-gov-west-1, true", "ap-southeast-2, true", "cn-north-1, true",
      "eu-central-12, true", "US-east-1, false", "us-east, false", "us--east-1, false", "u-east-1, false",
      "us-east-1a, false", "-us-east-1, false", "us-east-, false", "us-1, false", "us-east-1-, false",
      "us_east_1, false"})
  void regionName_hasTheFormOfAnAwsRegion_checkedByHand(String text, boolean region) {
    assertThat(AwsSourceSettings.isRegionName(text)).isEqualTo(region)
        .isEqualTo(text.matches("[a-z]{2,}(-[a-z]+)+-[0-9]+"));
  }

  @Test
  void provider_isFoundByScheme_andOnlyTheDetectedEnvironmentsSourceIsUsed() throws Exception {
    try (LocalStore store = new LocalStore()) {
      store.server.put("staging/db-password", "staging-pw");
      store.server.put("production/db-password", "production-pw");
      String endpoint = "&endpoint=" + store.server.endpoint();
      try (Secrets secrets = Secrets.builder().environment("stg")
          .source("staging", "aws-sm://us-east-1?prefix={env}/" + endpoint)
          .source("production", "aws-sm://us-east-1?prefix={env}/" + endpoint)
          .build()) {
        assertThat(secrets.sourceId()).startsWith("aws-sm://us-east-1?prefix=staging/");
        assertThat(secrets.get("db-password").asString()).isEqualTo("staging-pw");
      }
      assertThat(store.server.lastRequest("GetSecretValue")).containsEntry("SecretId", "staging/db-password");
    }
  }
}
