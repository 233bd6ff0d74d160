package dev.secrets4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ConfigImportTest {
  @TempDir Path folder;

  @Test
  void prefixForm_resolvesValueAndConfigurationProperties() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=sk_test_first", "DATABASE_PASSWORD=pw-first");
    try (ConfigurableApplicationContext ctx = f.run(App.class, "--spring.config.import=secrets4j:",
        "--payment.api-key=${secrets.stripe-api-key}")) {
      assertThat(ctx.getBean(ValueHolder.class).stripeKey).isEqualTo("sk_test_first");
      assertThat(ctx.getBean(PaymentProperties.class).getApiKey()).isEqualTo("sk_test_first");
      assertThat(ctx.getEnvironment().getProperty("secrets.database-password")).isEqualTo("pw-first");
      assertThat(ctx.getBean(Secrets.class).environment().name()).isEqualTo("development");
    }
  }

  @Test
  void listedForm_mapsPropertiesToSecrets_andCustomPrefix() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=sk_test_listed",
        "DATABASE_CREDENTIALS={\"username\":\"app\",\"password\":\"pw-json\"}");
    try (ConfigurableApplicationContext ctx = f.run(App.class,
        "--spring.config.import=secrets4j:stripe-api-key;spring.datasource.password=database-credentials#password"
            + "?prefix=app.secret.",
        "--payment.api-key=${app.secret.stripe-api-key}")) {
      assertThat(ctx.getEnvironment().getProperty("spring.datasource.password")).isEqualTo("pw-json");
      assertThat(ctx.getBean(PaymentProperties.class).getApiKey()).isEqualTo("sk_test_listed");
      assertThat(ctx.getEnvironment().getProperty("app.secret.other")).isNull();
    }
  }

  @Test
  void optionalImport_missingSecretIsAbsent_soTheDefaultApplies() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=sk_test_opt");
    try (ConfigurableApplicationContext ctx = f.run(App.class, "--spring.config.import=optional:secrets4j:",
        "--payment.api-key=${secrets.not-there:fallback}")) {
      assertThat(ctx.getBean(PaymentProperties.class).getApiKey()).isEqualTo("fallback");
      assertThat(ctx.getBean(ValueHolder.class).stripeKey).isEqualTo("sk_test_opt");
    }
  }

  @Test
  void rotation_rebindsConfigurationProperties_andPublishesEventWithoutValues() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=sk_test_before");
    try (ConfigurableApplicationContext ctx = f.run(App.class, "--spring.config.import=secrets4j:",
        "--payment.api-key=${secrets.stripe-api-key}")) {
      PaymentProperties payment = ctx.getBean(PaymentProperties.class);
      assertThat(payment.getApiKey()).isEqualTo("sk_test_before");

      f.write("STRIPE_API_KEY=sk_test_after");
      f.advance(Duration.ofMinutes(6));

      assertThat(payment.getApiKey()).isEqualTo("sk_test_after");
      assertThat(ctx.getEnvironment().getProperty("secrets.stripe-api-key")).isEqualTo("sk_test_after");
      // @Value is injected once: it keeps the value it was given (documented)
      assertThat(ctx.getBean(ValueHolder.class).stripeKey).isEqualTo("sk_test_before");
      List<SecretRotatedEvent> events = ctx.getBean(Events.class).events;
      assertThat(events).hasSize(1);
      SecretRotatedEvent e = events.get(0);
      assertThat(e.secretName()).isEqualTo("stripe-api-key");
      assertThat(e.previousVersionId()).isNotEqualTo(e.currentVersionId());
      assertThat(e.propertyNames()).containsExactlyInAnyOrder("secrets.stripe-api-key", "payment.api-key");
      assertThat(e.toString()).doesNotContain("sk_test_");

      f.advance(Duration.ofMinutes(6));
      assertThat(events).as("an unchanged refresh is no rotation").hasSize(1);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @EnableConfigurationProperties(PaymentProperties.class)
  static class App {
    @Bean
    ValueHolder valueHolder() {
      return new ValueHolder();
    }

    @Bean
    Events events() {
      return new Events();
    }
  }

  static class ValueHolder {
    @Value("${secrets.stripe-api-key:none}")
    String stripeKey;
  }

  static class Events implements ApplicationListener<SecretRotatedEvent> {
    final List<SecretRotatedEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(SecretRotatedEvent event) {
      events.add(event);
    }
  }

  @ConfigurationProperties("payment")
  public static class PaymentProperties {
    private String apiKey;

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }
  }
}
