package dev.secrets4j.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.gcp.LocalSecretManager;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code gcp-sm} scheme: discovery, URI parsing and its errors, and the client the provider makes. */
class GcpSecretSourceProviderTest {

  private static SecretSource create(String uri, Environment env) {
    return new GcpSecretSourceProvider().create(SourceUri.parse(uri, env));
  }

  @Test
  void serviceLoader_findsTheProvider_forTheGcpSmScheme() {
    assertThat(ServiceLoader.load(SecretSourceProvider.class, getClass().getClassLoader()).stream()
        .map(ServiceLoader.Provider::get))
        .anySatisfy(p -> {
          assertThat(p).isInstanceOf(GcpSecretSourceProvider.class);
          assertThat(p.schemes()).containsExactly("gcp-sm");
        });
  }

  @Test
  void secretsBuilder_withAGcpSmUri_readsThroughTheDiscoveredProvider() throws Exception {
    try (LocalSecretManager server = LocalSecretManager.start()) {
      new Operator(server.newClient(), "projects/acme-development")
          .put("stripe-api-key", "sk_test_local");
      try (Secrets secrets = Secrets.builder().environment("development")
          .source("development", server.sourceUri("acme-{env}", "")).build()) {
        assertThat(secrets.get("stripe-api-key").asString()).isEqualTo("sk_test_local");
        assertThat(secrets.sourceId()).startsWith("gcp-sm://acme-development?endpoint=127.0.0.1:");
      }
    }
  }

  @Test
  void create_withDefaultCredentials_doesNoIo_andTheIdIsTheExpandedUri() {
    try (SecretSource source = create("gcp-sm://acme-{env}?prefix=team-&location=europe-west1", Environment.STAGING)) {
      assertThat(source.id()).isEqualTo("gcp-sm://acme-staging?prefix=team-&location=europe-west1");
      assertThat(source.toString()).isEqualTo(source.id());
      GcpSourceSettings config = ((GcpSecretSource) source).settings();
      assertThat(config.effectiveEndpoint()).isEqualTo("secretmanager.europe-west1.rep.googleapis.com:443");
      assertThat(config.parent()).isEqualTo("projects/acme-staging/locations/europe-west1");
    }
  }

  @Test
  void defaults_areTheGlobalEndpoint_fiveSecondAttempts_andThreeOfThem() {
    GcpSourceSettings config = GcpSourceSettings.parse(SourceUri.parse("gcp-sm://acme-prod", Environment.PRODUCTION));

    assertThat(config.effectiveEndpoint()).isEqualTo("secretmanager.googleapis.com:443");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.attempts()).isEqualTo(3);
    assertThat(config.worstCasePerRpc()).isEqualTo(Duration.ofMillis(15_300));
  }

  @Test
  void worstCase_isEveryAttemptsDeadline_plusTheCappedPausesBetween() {
    assertThat(GcpSourceSettings.worstCase(Duration.ofSeconds(1), 1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(GcpSourceSettings.worstCase(Duration.ofSeconds(2), 2)).isEqualTo(Duration.ofMillis(4_100));
    // pauses 0.1 + 0.2 + 0.4 + 0.8 + 1 + 1 (capped at 1 s)
    assertThat(GcpSourceSettings.worstCase(Duration.ofSeconds(1), 7)).isEqualTo(Duration.ofMillis(10_500));
  }

  @Test
  void clientSettings_carryTheBoundOnEveryMethodTheSourceCalls() throws Exception {
    var settings = GcpClients.settings(Duration.ofSeconds(2), 2).build();
    for (var retry : java.util.List.of(settings.accessSecretVersionSettings().getRetrySettings(),
        settings.getSecretVersionSettings().getRetrySettings(), settings.getSecretSettings().getRetrySettings(),
        settings.listSecretVersionsSettings().getRetrySettings())) {
      assertThat(retry.getMaxAttempts()).isEqualTo(2);
      assertThat(retry.getInitialRpcTimeoutDuration()).isEqualTo(Duration.ofSeconds(2));
      assertThat(retry.getMaxRpcTimeoutDuration()).isEqualTo(Duration.ofSeconds(2));
      assertThat(retry.getTotalTimeoutDuration()).isEqualTo(Duration.ofMillis(4_100));
    }
    assertThat(settings.accessSecretVersionSettings().getRetryableCodes()).isEqualTo(GcpClients.RETRYABLE);
  }

  @Test
  void timeoutAndAttempts_areReadFromTheUri() {
    GcpSourceSettings config = GcpSourceSettings.parse(
        SourceUri.parse("gcp-sm://acme?timeout=750ms&attempts=4", Environment.DEVELOPMENT));
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(config.attempts()).isEqualTo(4);
    assertThat(GcpSourceSettings.parse(SourceUri.parse("gcp-sm://acme?timeout=PT2S", Environment.DEVELOPMENT)).timeout())
        .isEqualTo(Duration.ofSeconds(2));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "gcp-sm:                                          | names no project",
      "gcp-sm://                                        | names no project",
      "gcp-sm://Acme-Prod                               | project 'Acme-Prod'",
      "gcp-sm://acme/secrets                            | has a path '/secrets'",
      "gcp-sm://acme?region=us-east1                    | unknown parameter 'region'",
      "gcp-sm://acme?prefix=team/                       | parameter 'prefix' value 'team/'",
      "gcp-sm://acme?location=Europe_West1              | parameter 'location' value 'Europe_West1'",
      "gcp-sm://acme?endpoint=https://example.test      | parameter 'endpoint' value 'https://example.test'",
      "gcp-sm://acme?plaintext=true                     | plaintext=true is only allowed with a loopback endpoint",
      "gcp-sm://acme?endpoint=10.1.2.3:443&plaintext=true | plaintext=true is only allowed with a loopback endpoint",
      "gcp-sm://acme?endpoint=127.0.0.1:1&plaintext=yes | parameter 'plaintext' value 'yes'",
      "gcp-sm://acme?timeout=0s                         | parameter 'timeout' value '0s'",
      "gcp-sm://acme?timeout=soon                       | parameter 'timeout' value 'soon'",
      "gcp-sm://acme?attempts=0                         | parameter 'attempts' value '0'",
      "gcp-sm://acme?attempts=11                        | parameter 'attempts' value '11'",
      "gcp-sm://acme?location=global                    | parameter 'location' value 'global' names no region",
      "gcp-sm://acme?alias=latest                       | parameter 'alias' value 'latest' is not a version alias",
      "gcp-sm://acme?alias=42                           | parameter 'alias' value '42'",
      "gcp-sm://acme?alias=prod/eu                      | parameter 'alias' value 'prod/eu'",
      "gcp-sm://acme?impersonate=reader                 | parameter 'impersonate' value 'reader' is not a service account",
      "gcp-sm://acme?impersonate=a@example.com          | parameter 'impersonate' value 'a@example.com'",
      "gcp-sm://acme?endpoint=127.0.0.1:1&plaintext=true&impersonate=r@p.iam.gserviceaccount.com | impersonate= needs credentials"})
  void badUri_isAConfigurationError_namingWhatIsWrong(String uri, String expected) {
    assertThatThrownBy(() -> create(uri, Environment.DEVELOPMENT))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void aliasAndImpersonate_areRead_andTheIdIsTheUriItself() {
    String uri = "gcp-sm://acme-prod?alias=prod&impersonate=secrets-reader@acme-prod.iam.gserviceaccount.com";
    GcpSourceSettings s = GcpSourceSettings.parse(SourceUri.parse(uri, Environment.PRODUCTION));

    assertThat(s.alias()).isEqualTo("prod");
    assertThat(s.currentVersion()).isEqualTo("prod");
    assertThat(s.impersonate()).isEqualTo("secrets-reader@acme-prod.iam.gserviceaccount.com");
    assertThat(s.id()).isEqualTo(uri);
    assertThat(GcpSourceSettings.parse(SourceUri.parse("gcp-sm://acme", Environment.PRODUCTION)).currentVersion())
        .isEqualTo("latest");
  }

  @Test
  void location_mapsToTheRegionalEndpoint_andRegionalResourceNames() {
    GcpSourceSettings s = GcpSourceSettings.parse(
        SourceUri.parse("gcp-sm://acme?location=us-central1", Environment.PRODUCTION));

    assertThat(s.effectiveEndpoint()).isEqualTo("secretmanager.us-central1.rep.googleapis.com:443");
    assertThat(s.parent()).isEqualTo("projects/acme/locations/us-central1");
    assertThat(GcpSourceSettings.parse(SourceUri.parse("gcp-sm://acme?location=us-central1&endpoint=127.0.0.1:9",
        Environment.PRODUCTION)).effectiveEndpoint()).isEqualTo("127.0.0.1:9");
  }

  @Test
  void badUri_errorShowsTheValidForms() {
    assertThatThrownBy(() -> create("gcp-sm://", Environment.DEVELOPMENT))
        .hasMessageContaining("gcp-sm://PROJECT?prefix=payments-");
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "NO_GCE_CHECK", matches = "true")
  @EnabledIfEnvironmentVariable(named = "CLOUDSDK_CONFIG", matches = ".*no-gcloud-config")
  void missingApplicationDefaultCredentials_isAccessDenied_andSaysHowToProvideThem() throws Exception {
    try (LocalSecretManager server = LocalSecretManager.start();
        SecretSource source = create("gcp-sm://acme?endpoint=" + server.endpoint(), Environment.DEVELOPMENT)) {
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> source.fetch("stripe-api-key", VersionSelector.CURRENT));

      assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
      assertThat(e.getMessage()).contains("stripe-api-key", source.id(), "Application Default Credentials",
          "GOOGLE_APPLICATION_CREDENTIALS");
      assertThat(server.requests()).isEmpty();
    }
  }
}
