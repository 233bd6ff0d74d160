package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.test.InMemorySecretSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Guards 1 and 2 read environment names however the store or the URI spells them. */
class EnvironmentNamesGuardTest {
  private final InMemorySecretSource store = InMemorySecretSource.create();
  @RegisterExtension final OpenResolvers open = new OpenResolvers();

  private Secrets inDevelopment() {
    return open.build(Secrets.builder().environment("development").source(store).manualMaintenance());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Environment", "ENVIRONMENT", "env", "Env", "stage", "Stage", "app-env", "APP_ENV"})
  void environmentTag_isReadUnderEveryDocumentedKey_inAnyCase(String key) {
    store.put("api-key", "v");
    store.metadata("api-key", SecretMetadata.builder().tag(key, "production").build());
    Secrets s = inDevelopment();
    assertThatThrownBy(() -> s.get("api-key")).isInstanceOf(EnvironmentViolationException.class)
        .hasMessageContaining("[environment-tag]").hasMessageContaining(key + "=production");
  }

  @Test
  void anyEnvironmentTagNamingAnotherEnvironment_refuses_evenBesideOneNamingThisOne() {
    store.put("api-key", "v");
    store.metadata("api-key", SecretMetadata.builder().tag("env", "development").tag("Stage", "ProdEu").build());
    Secrets s = inDevelopment();
    assertThatThrownBy(() -> s.get("api-key")).isInstanceOf(EnvironmentViolationException.class)
        .hasMessageContaining("Stage=ProdEu");
  }

  @Test
  void unrelatedTags_areNotEnvironmentTags() {
    store.put("api-key", "v");
    store.metadata("api-key", SecretMetadata.builder().tag("environment-owner", "production-team")
        .tag("stages", "prod").build());
    assertThat(inDevelopment().get("api-key").asString()).isEqualTo("v");
  }

  @ParameterizedTest
  @ValueSource(strings = {"azure-kv://contosoProdVault", "aws-sm://us-east-1?prefix=ProdSecrets/",
      "gcp-sm://myAppProduction"})
  void camelCaseWordNamingAnotherEnvironment_isRefusedAtBuild(String uri) {
    assertThatThrownBy(() -> Secrets.builder().environment("development").source(uri).build())
        .isInstanceOf(EnvironmentViolationException.class).hasMessageContaining("[cross-environment-source]");
  }
}
