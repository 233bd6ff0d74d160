package dev.secrets4j.classpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.hikari.SecretsCredentialsProvider;
import dev.secrets4j.oauth2.OAuth2Tokens;
import dev.secrets4j.test.Secrets4jTest;
import dev.secrets4j.test.TestSecrets;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The integrations beside every provider, in one JVM: each one's entry point works on the same resolver, and each
 * one's framework registration is on the class path (the frameworks themselves are the application's to bring).
 */
@Secrets4jTest
class IntegrationsInOneJvmTest {

  @Test
  void hikari_readsTheLoginOfOneVersionOfTheSecret(TestSecrets secrets) {
    secrets.put("database-credentials", "{\"username\":\"app\",\"password\":\"canary-one-jvm\"}");
    SecretsCredentialsProvider login = SecretsCredentialsProvider.builder(secrets.secrets()).build();

    assertThat(login.getCredentials().getUsername()).isEqualTo("app");
    assertThat(login.getCredentials().getPassword()).isEqualTo("canary-one-jvm");
    assertThat(login.toString()).doesNotContain("canary-one-jvm");
  }

  @Test
  void oauth2_buildsForTheResolversEnvironment(TestSecrets secrets) {
    secrets.put("partner-api-client", "{\"client_id\":\"partner\",\"client_secret\":\"canary-client\"}");

    try (OAuth2Tokens tokens = OAuth2Tokens.builder(secrets.secrets(), "partner")
        .tokenUri(URI.create("http://127.0.0.1:1/token")).clientSecret("partner-api-client")
        .scopes(List.of("orders")).build()) {
      assertThat(tokens.toString()).doesNotContain("canary-client");
    }
  }

  @Test
  void springBootAndMicroProfileRegistrations_areOnTheClassPath() {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(loader.getResource("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
        .isNotNull();
    assertThat(loader.getResource("META-INF/services/io.smallrye.config.ConfigSourceFactory")).isNotNull();
    assertThat(loader.getResource("META-INF/services/io.smallrye.config.SecretKeysHandlerFactory")).isNotNull();
  }
}
