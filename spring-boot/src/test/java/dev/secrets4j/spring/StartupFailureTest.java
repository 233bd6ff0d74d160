package dev.secrets4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class StartupFailureTest {
  private static final String CANARY = "canary-startup-9d41c7e2";

  @TempDir Path folder;
  private final Console console = new Console();

  @org.junit.jupiter.api.AfterEach
  void closeConsole() {
    console.close();
  }

  @Test
  void missingListedSecret_failureAnalysisPrintsReportAndEnvironment() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=" + CANARY);
    assertThatThrownBy(() -> f.run(App.class,
        "--spring.config.import=secrets4j:stripe-api-key;sendgrid-api-key;twilio-auth-token"))
        .isInstanceOf(SecretsSetupException.class);
    assertThat(console.text())
        .contains("APPLICATION FAILED TO START")
        .contains("secrets of secrets4j:stripe-api-key;sendgrid-api-key;twilio-auth-token are not all usable")
        .contains("Environment: development (why: set explicitly to 'development')")
        .contains("MISSING sendgrid-api-key")
        .contains("MISSING twilio-auth-token")
        .contains("Add the missing secrets to file:")
        .doesNotContain(CANARY);
  }

  @Test
  void missingSecretInPrefixForm_failureAnalysisNamesThePropertyAndSecret() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=" + CANARY);
    assertThatThrownBy(() -> f.run(NeedsSendgrid.class, "--spring.config.import=secrets4j:"))
        .hasRootCauseInstanceOf(dev.secrets4j.spi.SecretSourceException.class);
    assertThat(console.text())
        .contains("APPLICATION FAILED TO START")
        .contains("property 'secrets.sendgrid-api-key' (secret 'sendgrid-api-key' from file:")
        .contains("Environment: development (why: set explicitly to 'development')")
        .contains("import with optional:secrets4j:")
        .doesNotContain(CANARY);
  }

  @Test
  void requiredSecretMissing_failsAtTheImport() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=" + CANARY);
    assertThatThrownBy(() -> f.run(App.class, "--spring.config.import=secrets4j:",
        "--spring.secrets4j.require=stripe-api-key,database-password"))
        .isInstanceOf(SecretsSetupException.class);
    assertThat(console.text()).contains("spring.secrets4j.require")
        .contains("MISSING database-password").doesNotContain(CANARY);
  }

  @Test
  void profileNamingAnotherEnvironment_isAnErrorNamingBoth() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=" + CANARY);
    assertThatThrownBy(() -> f.run(App.class, "--spring.config.import=secrets4j:",
        "--spring.profiles.active=aws,prod")).isInstanceOf(SecretsSetupException.class);
    assertThat(console.text())
        .contains("Spring profile 'prod' means production but secrets4j detected development "
            + "(set explicitly to 'development')")
        .contains("spring.secrets4j.profile-check=warn or off");
  }

  @Test
  void profileCheckWarn_startsAndWarns() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=" + CANARY);
    try (ConfigurableApplicationContext ctx = f.run(App.class, "--spring.config.import=secrets4j:",
        "--spring.profiles.active=prod", "--spring.secrets4j.profile-check=warn")) {
      assertThat(ctx.getEnvironment().getProperty("secrets.stripe-api-key")).isEqualTo(CANARY);
    }
    assertThat(console.text()).contains("Spring profile 'prod' means production");
  }

  @Test
  void matchingProfile_starts() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=" + CANARY);
    try (ConfigurableApplicationContext ctx = f.run(App.class, "--spring.config.import=secrets4j:",
        "--spring.profiles.active=local,mysql")) {
      assertThat(ctx.isActive()).isTrue();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {}

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class NeedsSendgrid {
    @org.springframework.beans.factory.annotation.Value("${secrets.sendgrid-api-key}")
    String key;
  }
}
