package dev.secrets4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.test.aws.LocalSecretsManager;
import dev.secrets4j.test.aws.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A real web application on a random loopback port, its secrets in the local Secrets Manager server: health through
 * UP, STALE and DOWN, and a canary value that appears in no actuator output and no log line.
 */
class ActuatorHttpTest {
  private static final String CANARY = "canary-http-5b8e21f0c3";

  @TempDir Path folder;
  private final LocalSecretsManager aws = LocalSecretsManager.start();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Console console = new Console();

  @AfterEach
  void stop() {
    console.close();
    aws.close();
  }

  @Test
  void health_goesUpStaleDown_andNoOutputShowsTheValue() throws Exception {
    aws.put("stripe-api-key", CANARY);
    Fixture f = new Fixture(folder);
    try (ConfigurableApplicationContext ctx = f.run(App.class, WebApplicationType.SERVLET,
        "--server.port=0", "--server.address=127.0.0.1",
        "--spring.secrets4j.sources.development=aws-sm://us-east-1?endpoint=" + aws.endpoint() + "&maxAttempts=1",
        "--spring.config.import=secrets4j:", "--spring.secrets4j.cache.max-stale=1h",
        "--payment.api-key=${secrets.stripe-api-key}",
        "--management.endpoints.web.exposure.include=health,env,metrics,configprops",
        "--management.endpoint.health.show-details=always",
        "--management.endpoint.env.show-values=always",
        "--management.endpoint.health.status.order=down,out-of-service,stale,up,unknown")) {
      String base = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
      assertThat(ctx.getBean(ConfigImportTest.PaymentProperties.class).getApiKey()).isEqualTo(CANARY);

      HttpResponse<String> up = get(base + "/actuator/health");
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(json(up, "/status")).isEqualTo("\"UP\"");
      assertThat(json(up, "/components/secrets4j/status")).isEqualTo("\"UP\"");
      assertThat(json(up, "/components/secrets4j/details/cachedSecrets")).isEqualTo("1");
      int callsBefore = aws.totalCalls();
      get(base + "/actuator/health");
      assertThat(aws.totalCalls()).as("a probe calls no store").isEqualTo(callsBefore);

      String env = get(base + "/actuator/env").body();
      String envOne = get(base + "/actuator/env/secrets.stripe-api-key").body();
      String envBound = get(base + "/actuator/env/payment.api-key").body();
      String configprops = get(base + "/actuator/configprops").body();
      java.nio.file.Files.writeString(java.nio.file.Path.of("target/configprops.json"), configprops.replace(CANARY, "<<CANARY>>"));
      String metrics = get(base + "/actuator/metrics").body() + get(base + "/actuator/metrics/secrets4j.reads").body();
      assertThat(env).contains("secrets4j:").doesNotContain(CANARY);
      assertThat(envOne).contains("******").doesNotContain(CANARY);
      assertThat(metrics).contains("secrets4j.reads").doesNotContain(CANARY);
      // payment.api-key=${secrets.stripe-api-key}: Spring resolves the placeholder for /actuator/env, and masks it
      // because the value comes from our property source
      assertThat(envBound).contains("******").doesNotContain(CANARY);

      aws.inject(Fault.internalError());
      f.advance(Duration.ofMinutes(6));
      HttpResponse<String> stale = get(base + "/actuator/health");
      assertThat(stale.statusCode()).isEqualTo(200);
      assertThat(json(stale, "/status")).isEqualTo("\"STALE\"");
      assertThat(json(stale, "/components/secrets4j/details/staleSecrets")).isEqualTo("[\"stripe-api-key\"]");
      assertThat(ctx.getEnvironment().getProperty("secrets.stripe-api-key")).isEqualTo(CANARY);

      f.advance(Duration.ofHours(2));
      HttpResponse<String> down = get(base + "/actuator/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(json(down, "/status")).isEqualTo("\"DOWN\"");
      assertThat(json(down, "/components/secrets4j/status")).isEqualTo("\"DOWN\"");
      assertThat(json(down, "/components/secrets4j/details/unavailableSecrets"))
          .isEqualTo("[\"stripe-api-key\"]");
      assertThat(down.body()).doesNotContain(CANARY);

      assertThat(console.text()).doesNotContain(CANARY);
    }
  }

  private static String json(HttpResponse<String> response, String pointer) {
    return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).at(pointer).toString();
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void report(String line) {
    System.getLogger("secrets4j.test").log(System.Logger.Level.INFO, line);
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @EnableConfigurationProperties(ConfigImportTest.PaymentProperties.class)
  static class App {}
}
