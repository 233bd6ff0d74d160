package dev.secrets4j.microprofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.secrets4j.test.InMemorySecretSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ServiceLoader path: the factories find themselves and build their resolver from {@code secrets4j.*} keys. */
class DiscoveredFromConfigurationTest {

  private static SmallRyeConfig discovered(Map<String, String> applicationProperties) {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .addDiscoveredSources()
        .addDiscoveredSecretKeysHandlers()
        .withSources(new PropertiesConfigSource(applicationProperties, "application.properties", 250))
        .build();
  }

  @Test
  void sourceAndHandler_shareOneResolverBuiltFromTheSecrets4jKeys() {
    String store = "mp-" + UUID.randomUUID();
    InMemorySecretSource.named(store).put("database-credentials", "{\"username\":\"app\",\"password\":\"pw-1a2b\"}");
    SmallRyeConfig config = discovered(Map.of(
        "secrets4j.environment", "development",
        "secrets4j.source.development", "memory:" + store,
        "secrets4j.source.production", "aws-sm://eu-west-1?prefix=production/",
        "secrets4j.cache.refresh-after", "10m",
        "secrets4j.audit.slf4j", "false",
        "secrets4j.property.db.user", "database-credentials#username",
        "quarkus.datasource.password", "${secrets4j::database-credentials#password}"));

    assertThat(config.getValue("db.user", String.class)).isEqualTo("app");
    assertThat(config.getValue("quarkus.datasource.password", String.class)).isEqualTo("pw-1a2b");

    assertThat(InMemorySecretSource.named(store).fetchCount()).isEqualTo(1);
    assertThat(config.getConfigValue("db.user").getSourceOrdinal()).isEqualTo(ConfigSettings.DEFAULT_ORDINAL);
  }

  @Test
  void aResolverKeyWithoutASource_isRefusedWithTheFix() {
    Throwable thrown = catchThrowable(() -> discovered(Map.of(
        "secrets4j.cache.refresh-after", "10m", "secrets4j.property.a", "b")));

    assertThat(ConfigSourceAndHandlerTest.rootMessage(thrown))
        .contains("secrets4j.cache.refresh-after").contains("set secrets4j.source");
  }

  @Test
  void aBadDuration_isRefusedNamingTheKey() {
    String store = "mp-" + UUID.randomUUID();
    Throwable thrown = catchThrowable(() -> discovered(Map.of(
        "secrets4j.source", "memory:" + store, "secrets4j.cache.max-stale", "forever",
        "secrets4j.property.a", "b")));

    assertThat(ConfigSourceAndHandlerTest.rootMessage(thrown))
        .contains("secrets4j.cache.max-stale").contains("'forever' is not a duration");
  }
}
