package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  @TempDir
  Path dir;
  ClassLoader withCounting;

  @BeforeEach
  void registerCountingProvider() throws IOException {
    Path services = dir.resolve("cp/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve("dev.secrets4j.spi.SecretSourceProvider"), CountingProvider.class.getName() + "\n");
    withCounting = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
    CountingProvider.CREATED.clear();
  }

  private SecretsBuilder load(String properties) throws IOException {
    Path file = dir.resolve("secrets4j.properties");
    Files.writeString(file, properties);
    SecretsBuilder b = new SecretsBuilder();
    ConfigLoader.locate(Map.of("SECRETS4J_CONFIG", file.toString()), null, getClass().getClassLoader()).applyTo(b);
    return b.classLoader(withCounting);
  }

  @Test
  void onlyTheDetectedEnvironmentsSource_isEverCreated() throws IOException {
    SecretsBuilder b = load("source.development=counting:dev-store\n"
        + "source.staging=counting:stg-store\n"
        + "source.production=counting:prd-store\n"
        + "audit.slf4j=false\n");
    try (Secrets secrets = b.environment("stage").build()) {
      assertThat(secrets.environment()).isEqualTo(Environment.STAGING);
      assertThat(secrets.get("api-key").asString()).isEqualTo("from-stg-store");
      assertThat(secrets.sourceId()).isEqualTo("memory:anonymous");
    }
    assertThat(CountingProvider.CREATED).containsExactly("counting:stg-store");
  }

  @Test
  void oneSourceForEveryEnvironment_expandsEnv() throws IOException {
    try (Secrets secrets = load("source=counting:{env}-store\n").environment("prod").build()) {
      assertThat(secrets.get("api-key").asString()).isEqualTo("from-production-store");
    }
  }

  @Test
  void customEnvironments_aliasesAndSettings_areRead() throws IOException {
    try (Secrets secrets = load("environments=qa\nalias.uat=qa\nsource.qa=counting:qa-store\n"
        + "cache.refresh-after=2m\ncache.max-stale=PT1H\ncache.maximum-size=50\n").environment("uat").build()) {
      assertThat(secrets.environment().name()).isEqualTo("qa");
      assertThat(secrets.get("api-key").asString()).isEqualTo("from-qa-store");
    }
  }

  @Test
  void unknownKey_namesTheFileAndTheKey() {
    assertThatThrownBy(() -> load("source=counting:x\ncache.refresh-afer=5m\n"))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("secrets4j.properties").hasMessageContaining("'cache.refresh-afer'")
        .hasMessageContaining("cache.refresh-after");
  }

  @Test
  void badValues_nameTheFileAndTheKey() {
    assertThatThrownBy(() -> load("source=counting:x\ncache.max-stale=a while\n"))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("secrets4j.properties").hasMessageContaining("'cache.max-stale'")
        .hasMessageContaining("24h");
    assertThatThrownBy(() -> load("source=counting:x\nguard.live-credentials=sometimes\n"))
        .hasMessageContaining("'guard.live-credentials'").hasMessageContaining("refuse, warn, off");
    assertThatThrownBy(() -> load("source.prdo=counting:x\n"))
        .hasMessageContaining("'source.prdo'").hasMessageContaining("production (prod, prd)");
  }

  @Test
  void missingFile_namesThePathAndTheVariable() {
    assertThatThrownBy(() -> ConfigLoader.locate(Map.of("SECRETS4J_CONFIG", dir.resolve("nope.properties").toString()),
        null, getClass().getClassLoader()))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("nope.properties").hasMessageContaining("SECRETS4J_CONFIG");
  }

  @Test
  void noSourceForTheEnvironment_saysWhichKeyToSet() throws IOException {
    assertThatThrownBy(() -> load("source.production=counting:p\n").environment("staging").build())
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("staging").hasMessageContaining("source.staging")
        .hasMessageContaining("secrets4j.properties");
  }

  @Test
  void unknownScheme_namesTheSchemeTheSchemesFoundAndTheArtifact() {
    assertThatThrownBy(() -> Secrets.builder().environment("development").source("aws-sm://us-east-1?prefix={env}/").build())
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("'aws-sm'")
        .hasMessageContaining("[env, memory]")
        .hasMessageContaining("dev.secrets4j:secrets4j-provider-aws");
    assertThatThrownBy(() -> Secrets.builder().environment("development").source("vault://x").build())
        .hasMessageContaining("'vault'").hasMessageContaining("known schemes");
  }

  @Test
  void builderSetters_validateAtOnce() {
    SecretsBuilder b = Secrets.builder().refreshAfter(java.time.Duration.ofMinutes(1));
    assertThatThrownBy(() -> b.refreshAfter(java.time.Duration.ofMinutes(2)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("refreshAfter was already set to PT1M");
    assertThatThrownBy(() -> Secrets.builder().maxStale(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
