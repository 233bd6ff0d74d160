package dev.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.VersionSelector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import dev.secrets4j.test.aws.LocalSecretsManager;
import dev.secrets4j.spi.SecretSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerServiceClientConfiguration;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

class AwsSecretSourcesTest {
  private final LocalSecretsManager server = LocalSecretsManager.start();
  private final CountingClient client = new CountingClient(server.newClient());

  @AfterEach
  void close() {
    client.delegate.close();
    server.close();
  }

  @Test
  void source_readsPrefixedNamesThroughTheApplicationsClient() {
    server.put("production/stripe-api-key", "v1");
    try (Secrets secrets = Secrets.builder()
        .source(AwsSecretSources.builder(client).prefix("production/").build())
        .environment("production").build()) {
      assertThat(secrets.get("stripe-api-key").asString()).isEqualTo("v1");
    }
    assertThat(server.lastAccessKeyId()).isEqualTo(LocalSecretsManager.TEST_ACCESS_KEY_ID);
    assertThat(client.calls.get()).isPositive();
  }

  @Test
  void fromUri_buildsASourceWithItsOwnClient_signingWithTheGivenCredentials() throws Exception {
    server.put("production/stripe-api-key", "v1");
    String uri = "aws-sm://us-east-1?prefix=production/&endpoint=" + server.endpoint();
    try (SecretSource source = AwsSecretSources.fromUri(uri, StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIDFROMAPPLICATION", "x")))) {
      assertThat(source.id()).isEqualTo(uri);
      assertThat(source.fetch("stripe-api-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("v1");
    }
    assertThat(server.lastAccessKeyId()).isEqualTo("AKIDFROMAPPLICATION");
  }

  @Test
  void fromUri_refusesAnUnexpandedEnvironment_andAProfileBesideGivenCredentials() {
    assertThatThrownBy(() -> AwsSecretSources.fromUri("aws-sm://us-east-1?prefix={env}/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{env}");
    assertThatThrownBy(() -> AwsSecretSources.fromUri("aws-sm://us-east-1?profile=ci",
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "x"))))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("profile");
    assertThatThrownBy(() -> AwsSecretSources.fromUri("aws-sm://us-east-1?maxAttempts=99"))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("'maxAttempts'");
  }

  @Test
  void source_idNamesTheClientsRegionAndThePrefix() {
    SecretSource source = AwsSecretSources.builder(client).prefix("production/").build();

    assertThat(source.id()).isEqualTo("aws-sm://us-east-1?prefix=production/");
  }

  @Test
  void closingTheSource_leavesTheApplicationsClientOpen_byDefault() {
    AwsSecretSources.builder(client).build().close();

    assertThat(client.closed.get()).isZero();
  }

  @Test
  void closingTheSource_closesTheClient_whenAsked() {
    SecretSource source = AwsSecretSources.builder(client).closeClient(true).build();
    source.close();
    source.close();

    assertThat(client.closed.get()).isEqualTo(1);
  }

  @Test
  void builderSettings_mayBeSetOnce() {
    AwsSecretSources.Builder b = AwsSecretSources.builder(client).prefix("a/");

    assertThatThrownBy(() -> b.prefix("b/")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a/");
  }

  @Test
  void listVersionCheck_overTheApplicationsClient_vouchesForUnchangedSecretsWithOneListing() throws Exception {
    java.util.List<String> names = java.util.List.of("a", "b", "c");
    for (String n : names) {
      server.put("production/" + n, "v-" + n);
    }
    try (SecretSource source = AwsSecretSources.builder(client).prefix("production/")
        .listVersionCheck(Duration.ofHours(1)).build()) {
      source.fetchAll(names);
      server.resetCalls();

      assertThat(source.currentVersionIds(names)).containsOnlyKeys("a", "b", "c");
      assertThat(server.calls("ListSecrets")).isEqualTo(1);
      assertThat(server.calls("GetSecretValue") + server.calls("BatchGetSecretValue")).isZero();
    }
  }

  @Test
  void theVersionCheck_mayBeSetOnce_whicheverItIs() {
    AwsSecretSources.Builder b = AwsSecretSources.builder(client).describeVersionCheck(Duration.ofMinutes(15));

    assertThatThrownBy(() -> b.listVersionCheck(Duration.ofHours(1))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("describe").hasMessageContaining("PT15M");
    assertThatThrownBy(() -> AwsSecretSources.builder(client).listVersionCheck(Duration.ofHours(25)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1s to 24h");
  }

  @Test
  void boundedOverrides_are3AttemptsOf2sWithin7s() {
    ClientOverrideConfiguration o = AwsSecretSources.boundedOverrides();

    assertThat(o.apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
    assertThat(o.apiCallTimeout()).contains(Duration.ofSeconds(7));
    assertThat(o.retryStrategy().orElseThrow().maxAttempts()).isEqualTo(3);
  }

  /** An application's client, delegating to a real SDK client and counting calls and closes. */
  private static final class CountingClient implements SecretsManagerClient {
    final SecretsManagerClient delegate;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    CountingClient(SecretsManagerClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest r) {
      calls.incrementAndGet();
      return delegate.getSecretValue(r);
    }

    @Override
    public BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest r) {
      calls.incrementAndGet();
      return delegate.batchGetSecretValue(r);
    }

    @Override
    public software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse listSecrets(
        software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest r) {
      calls.incrementAndGet();
      return delegate.listSecrets(r);
    }

    @Override
    public DescribeSecretResponse describeSecret(DescribeSecretRequest r) {
      calls.incrementAndGet();
      return delegate.describeSecret(r);
    }

    @Override
    public SecretsManagerServiceClientConfiguration serviceClientConfiguration() {
      return delegate.serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }
}
