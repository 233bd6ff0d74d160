package dev.secrets4j.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.protobuf.ByteString;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.Secrets;
import dev.secrets4j.test.gcp.LocalSecretManager;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The public factory for applications that build their own client. */
class GcpSecretSourcesTest {

  @Test
  void settings_boundEveryCall_toThreeAttemptsOfFiveSeconds() {
    SecretManagerServiceSettings.Builder settings = GcpSecretSources.settings();
    RetrySettings retry = settings.accessSecretVersionSettings().getRetrySettings();

    assertThat(retry.getMaxAttempts()).isEqualTo(3);
    assertThat(retry.getMaxRpcTimeoutDuration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(retry.getTotalTimeoutDuration()).isEqualTo(Duration.ofMillis(15_300));
    assertThat(settings.getSecretVersionSettings().getRetrySettings()).isEqualTo(retry);
  }

  @Test
  void source_overAnInjectedClient_readsSecrets_andLeavesTheClientOpen() throws Exception {
    LocalSecretManager server = LocalSecretManager.start();
    SecretManagerServiceClient client = SecretManagerServiceClient.create(GcpSecretSources.settings()
        .setEndpoint(server.endpoint())
        .setCredentialsProvider(NoCredentialsProvider.create())
        .setTransportChannelProvider(SecretManagerServiceSettings.defaultGrpcTransportProviderBuilder()
            .setChannelConfigurator(b -> b.usePlaintext()).build())
        .build());
    try {
      client.createSecret(CreateSecretRequest.newBuilder().setParent("projects/acme-prod").setSecretId("payments-stripe")
          .setSecret(Secret.newBuilder().setReplication(Replication.newBuilder()
              .setAutomatic(Replication.Automatic.getDefaultInstance()))).build());
      client.addSecretVersion(AddSecretVersionRequest.newBuilder().setParent("projects/acme-prod/secrets/payments-stripe")
          .setPayload(SecretPayload.newBuilder().setData(ByteString.copyFrom("sk_live_injected", StandardCharsets.UTF_8)))
          .build());

      SecretSource source = GcpSecretSources.builder(client).project("acme-prod").prefix("payments-").build();
      assertThat(source.id()).isEqualTo("gcp-sm://acme-prod?prefix=payments-");
      assertThat(source.fetch("stripe", VersionSelector.CURRENT).valueAsString()).isEqualTo("sk_live_injected");
      try (Secrets secrets = Secrets.builder().source(source).environment("production").build()) {
        assertThat(secrets.get("stripe").asString()).isEqualTo("sk_live_injected");
      }
      assertThat(client.isShutdown()).isFalse();
    } finally {
      client.shutdownNow();
      client.awaitTermination(5, TimeUnit.SECONDS);
      server.close();
    }
  }

  @Test
  void fromUri_readsWithTheUrisParameters_likeConfiguration() throws Exception {
    try (LocalSecretManager server = LocalSecretManager.start();
        SecretSource source = GcpSecretSources.fromUri(server.sourceUri("acme-prod", "prefix=payments-"))) {
      server.put("projects/acme-prod/secrets/payments-stripe", "sk_from_uri");

      assertThat(source.id()).isEqualTo(server.sourceUri("acme-prod", "prefix=payments-"));
      assertThat(source.fetch("stripe", VersionSelector.CURRENT).valueAsString()).isEqualTo("sk_from_uri");
    }
  }

  @Test
  void fromUri_refusesTheEnvPlaceholder_andPlaintextWithCredentials() {
    assertThatThrownBy(() -> GcpSecretSources.fromUri("gcp-sm://acme-{env}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{env}");
    assertThatThrownBy(() -> GcpSecretSources.fromUri("gcp-sm://acme?endpoint=127.0.0.1:1&plaintext=true",
        com.google.auth.oauth2.GoogleCredentials.create(new com.google.auth.oauth2.AccessToken("t", null))))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("plaintext=true", "credentials were given");
    assertThatThrownBy(() -> GcpSecretSources.fromUri("gcp-sm://acme?colour=blue"))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("unknown parameter 'colour'");
  }

  @Test
  void builder_validatesAtOnce_andEachSetterOnlyOnce() throws Exception {
    SecretManagerServiceClient client = SecretManagerServiceClient.create(GcpSecretSources.settings()
        .setEndpoint("127.0.0.1:1")
        .setCredentialsProvider(NoCredentialsProvider.create())
        .setTransportChannelProvider(SecretManagerServiceSettings.defaultGrpcTransportProviderBuilder()
            .setChannelConfigurator(b -> b.usePlaintext()).build())
        .build());
    try {
      assertThatThrownBy(() -> GcpSecretSources.builder(client).prefix("team/"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix", "'team/'");
      assertThatThrownBy(() -> GcpSecretSources.builder(client).project("Not A Project"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project 'Not A Project'");
      assertThatThrownBy(() -> GcpSecretSources.builder(client).location("eu west"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("location", "'eu west'");
      assertThatThrownBy(() -> GcpSecretSources.builder(client).project("a-project").project("b-project"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("project was already set to a-project");
      assertThatThrownBy(() -> GcpSecretSources.builder(client).prefix("team-").build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("project was not set");
      assertThat(GcpSecretSources.builder(client).project("acme").location("europe-west1").build().id())
          .isEqualTo("gcp-sm://acme?location=europe-west1");
    } finally {
      client.shutdownNow();
      client.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static SecretManagerServiceClient clientFor(String endpoint) throws Exception {
    return SecretManagerServiceClient.create(GcpSecretSources.settings()
        .setEndpoint(endpoint).setCredentialsProvider(NoCredentialsProvider.create()).build());
  }

  @Test
  void builder_withALocation_needsTheRegionalEndpointsClient() throws Exception {
    SecretManagerServiceClient global = clientFor("secretmanager.googleapis.com:443");
    SecretManagerServiceClient regional = clientFor("secretmanager.europe-west1.rep.googleapis.com:443");
    try {
      assertThatThrownBy(() -> GcpSecretSources.builder(global).project("acme").location("europe-west1").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("secretmanager.europe-west1.rep.googleapis.com:443", "setEndpoint");
      assertThatThrownBy(() -> GcpSecretSources.builder(regional).project("acme").build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no location was set");
      assertThat(GcpSecretSources.builder(regional).project("acme").location("europe-west1").alias("prod").build()
          .id()).isEqualTo("gcp-sm://acme?location=europe-west1&alias=prod");
      assertThatThrownBy(() -> GcpSecretSources.builder(regional).alias("42"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alias");
    } finally {
      global.shutdownNow();
      regional.shutdownNow();
    }
  }
}
