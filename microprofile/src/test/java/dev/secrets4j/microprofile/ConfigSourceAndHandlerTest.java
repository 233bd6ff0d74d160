package dev.secrets4j.microprofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.secrets4j.SecretNotFoundException;
import dev.secrets4j.Secrets;
import dev.secrets4j.test.Secrets4jTest;
import dev.secrets4j.test.TestSecrets;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@Secrets4jTest
class ConfigSourceAndHandlerTest {
  private static final String CANARY = "sk_test_canary-7f3e9b21c4";
  private static final String ROTATED = "sk_test_canary-rotated-55aa01";

  private static SmallRyeConfig config(Secrets secrets, Map<String, String> applicationProperties) {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withSources(new PropertiesConfigSource(applicationProperties, "application.properties", 250))
        .withSources(new Secrets4jConfigSourceFactory(secrets))
        .withSecretKeyHandlerFactories(new Secrets4jSecretKeysHandlerFactory(secrets))
        .build();
  }

  private static Map<String, String> props(String... keysAndValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  @Test
  void mappedProperty_isTheSecretsValue_andLaterLookupsDoNoIo(TestSecrets t) {
    t.put("stripe-api-key", CANARY);
    SmallRyeConfig config = config(t.secrets(), props("secrets4j.property.stripe.api-key", "stripe-api-key"));

    for (int i = 0; i < 5; i++) {
      assertThat(config.getValue("stripe.api-key", String.class)).isEqualTo(CANARY);
    }

    assertThat(t.storeCalls()).isEqualTo(1);
    assertThat(config.getOptionalValue("not.mapped", String.class)).isEmpty();
    assertThat(t.storeCalls()).isEqualTo(1);
    t.assertNoLeak(CANARY);
  }

  @Test
  void source_hasTheDocumentedOrdinal_overApplicationPropertiesAndUnderEnvironmentVariables(TestSecrets t) {
    t.put("stripe-api-key", CANARY);
    Map<String, String> app = props("secrets4j.property.stripe.api-key", "stripe-api-key",
        "secrets4j.property.sentry.dsn", "stripe-api-key", "stripe.api-key", "placeholder", "sentry.dsn", "x");
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withSources(new PropertiesConfigSource(app, "application.properties", 250))
        .withSources(new PropertiesConfigSource(Map.of("sentry.dsn", "from-env"), "env", 300))
        .withSources(new Secrets4jConfigSourceFactory(t.secrets()))
        .build();

    assertThat(config.getConfigValue("stripe.api-key").getSourceOrdinal()).isEqualTo(270);
    assertThat(config.getConfigValue("stripe.api-key").getSourceName()).startsWith("secrets4j[development ");
    assertThat(config.getValue("stripe.api-key", String.class)).isEqualTo(CANARY);
    assertThat(config.getValue("sentry.dsn", String.class)).isEqualTo("from-env");
  }

  @Test
  void ordinal_canBeSetWithItsKey(TestSecrets t) {
    t.put("stripe-api-key", CANARY);
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withSources(new PropertiesConfigSource(props("secrets4j.property.stripe.api-key", "stripe-api-key",
            "secrets4j.config-source.ordinal", "120", "stripe.api-key", "from-file"), "application.properties", 250))
        .withSources(new Secrets4jConfigSourceFactory(t.secrets()))
        .build();

    assertThat(config.getValue("stripe.api-key", String.class)).isEqualTo("from-file");
    assertThat(config.getConfigSources()).anySatisfy(s -> {
      assertThat(s.getName()).startsWith("secrets4j[");
      assertThat(s.getOrdinal()).isEqualTo(120);
    });
  }

  @Test
  void expression_readsOneFieldOfAJsonSecret(TestSecrets t) {
    t.put("database-credentials", "{\"username\":\"app\",\"password\":\"" + CANARY + "\"}");
    SmallRyeConfig config = config(t.secrets(),
        props("quarkus.datasource.password", "${secrets4j::database-credentials#password}",
            "quarkus.datasource.username", "${secrets4j::database-credentials#username}"));

    assertThat(config.getValue("quarkus.datasource.password", String.class)).isEqualTo(CANARY);
    assertThat(config.getValue("quarkus.datasource.username", String.class)).isEqualTo("app");
    config.getValue("quarkus.datasource.password", String.class);
    assertThat(t.storeCalls()).isEqualTo(1);
    t.assertNoLeak(CANARY);
  }

  @Test
  void rotation_isSeenByTheNextLookupAfterTheRefresh(TestSecrets t) {
    t.put("stripe-api-key", CANARY);
    SmallRyeConfig config = config(t.secrets(), props("secrets4j.property.stripe.api-key", "stripe-api-key",
        "payments.key", "${secrets4j::stripe-api-key}"));
    assertThat(config.getValue("stripe.api-key", String.class)).isEqualTo(CANARY);
    assertThat(config.getValue("payments.key", String.class)).isEqualTo(CANARY);

    t.rotate("stripe-api-key", ROTATED);
    assertThat(config.getValue("stripe.api-key", String.class)).isEqualTo(CANARY);
    t.advance(Duration.ofMinutes(6));

    assertThat(config.getValue("stripe.api-key", String.class)).isEqualTo(ROTATED);
    assertThat(config.getValue("payments.key", String.class)).isEqualTo(ROTATED);
    t.assertNoLeak(CANARY);
    t.assertNoLeak(ROTATED);
  }

  @Test
  void missingSecret_failsTheLookupNamingTheSecretAndTheEnvironment(TestSecrets t) {
    t.put("stripe-api-key", CANARY);
    SmallRyeConfig config = config(t.secrets(), props("secrets4j.property.webhook.secret", "payments-webhook",
        "db.password", "${secrets4j::database-credentials#password}"));

    Throwable bySource = catchThrowable(() -> config.getValue("webhook.secret", String.class));
    Throwable byHandler = catchThrowable(() -> config.getValue("db.password", String.class));

    assertThat(bySource).isInstanceOf(SecretNotFoundException.class)
        .hasMessageContaining("payments-webhook").hasMessageContaining("development");
    assertThat(rootMessage(byHandler)).contains("database-credentials").contains("development");
    t.assertNoLeak(CANARY, bySource, byHandler);
  }

  @Test
  void unknownKey_isRefusedNamingIt(TestSecrets t) {
    Throwable thrown = catchThrowable(() -> config(t.secrets(),
        props("secrets4j.property.a", "b", "secrets4j.cache.refresh-afer", "1m")));

    assertThat(rootMessage(thrown)).contains("secrets4j.cache.refresh-afer").contains("secrets4j.properties");
  }

  @Test
  void noMappedProperty_addsNoSource(TestSecrets t) {
    SmallRyeConfig config = config(t.secrets(), props("app.name", "shop"));

    assertThat(config.getConfigSources()).noneSatisfy(s -> assertThat(s.getName()).startsWith("secrets4j["));
  }

  static String rootMessage(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
