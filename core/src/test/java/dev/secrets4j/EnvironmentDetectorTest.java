package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentDetectorTest {

  private static EnvironmentDetector.Builder inputs(Map<String, String> env, Map<String, String> props, String host) {
    return EnvironmentDetector.builder().environmentVariables(env).systemProperties(props).hostname(host);
  }

  @Test
  void precedence_builderThenPropertyThenVariableThenHostnameThenDefault() {
    Map<String, String> env = Map.of("APP_ENV", "staging");
    Map<String, String> props = Map.of("app.env", "dev");
    String host = "api-prod-3";

    Environment.Detection explicit = inputs(env, props, host).explicit("prod").build().detect();
    assertThat(explicit.environment()).isEqualTo(Environment.PRODUCTION);
    assertThat(explicit.reason()).isEqualTo("set explicitly to 'prod'");

    Environment.Detection property = inputs(env, props, host).build().detect();
    assertThat(property.environment()).isEqualTo(Environment.DEVELOPMENT);
    assertThat(property.reason()).isEqualTo("system property app.env=dev");

    Environment.Detection variable = inputs(env, Map.of(), host).build().detect();
    assertThat(variable.environment()).isEqualTo(Environment.STAGING);
    assertThat(variable.reason()).isEqualTo("APP_ENV=staging");

    Environment.Detection hostname = inputs(Map.of(), Map.of(), host).build().detect();
    assertThat(hostname.environment()).isEqualTo(Environment.PRODUCTION);
    assertThat(hostname.reason()).isEqualTo("hostname token 'prod' in 'api-prod-3'");

    Environment.Detection fallback = inputs(Map.of(), Map.of(), "laptop").build().detect();
    assertThat(fallback.environment()).isEqualTo(Environment.DEVELOPMENT);
    assertThat(fallback.reason()).isEqualTo("default");
  }

  @ParameterizedTest
  @CsvSource({
      "api-prod-3, production, prod",
      "web-stg.internal, staging, stg",
      "product-catalog, development, ",
      "prd01-payments, production, prd",
      "db_staging_2, staging, staging",
      "preprod-api, staging, preprod",
      "productivity.example.com, development, ",
  })
  void hostnameRules_matchWholeTokensOnly(String host, String expected, String token) {
    Environment.Detection d = inputs(Map.of(), Map.of(), host).build().detect();
    assertThat(d.environment().name()).isEqualTo(expected);
    assertThat(d.reason()).isEqualTo(token == null ? "default" : "hostname token '" + token + "' in '" + host + "'");
  }

  @Test
  void appEnvAlias_prod_isProduction() {
    Environment.Detection d = inputs(Map.of("APP_ENV", "prod"), Map.of(), null).build().detect();
    assertThat(d.environment()).isEqualTo(Environment.PRODUCTION);
    assertThat(d.environment().isProduction()).isTrue();
    assertThat(d.reason()).isEqualTo("APP_ENV=prod");
  }

  @Test
  void unknownExplicitValue_failsAndListsTheValidNames() {
    assertThatThrownBy(() -> inputs(Map.of("APP_ENV", "banana"), Map.of(), "api-prod-1").build().detect())
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("'banana'")
        .hasMessageContaining("APP_ENV")
        .hasMessageContaining("development (dev, local)")
        .hasMessageContaining("staging (stg, stage)")
        .hasMessageContaining("production (prod, prd)");
  }

  @Test
  void hostnameWithTokensOfTwoEnvironments_isAnError_notAGuess() {
    assertThatThrownBy(() -> inputs(Map.of(), Map.of(), "prod-to-stg-sync").build().detect())
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("prod-to-stg-sync").hasMessageContaining("APP_ENV");
  }

  @Test
  void customEnvironments_andAliases_areKnownNames() {
    Environment.Detection d = inputs(Map.of("APP_ENV", "UAT"), Map.of(), null)
        .environment("qa", "uat", "test").build().detect();
    assertThat(d.environment()).isEqualTo(Environment.of("qa"));
    assertThat(d.environment().isProduction()).isFalse();
  }

  @Test
  void configuredHostnameTokens_replaceTheDefaults() {
    EnvironmentDetector d = inputs(Map.of(), Map.of(), "eu-live-7").hostnameTokens("production", "eu").build();
    assertThat(d.detect().environment()).isEqualTo(Environment.PRODUCTION);
    assertThat(d.detect().reason()).contains("'eu'");
    EnvironmentDetector noLive = inputs(Map.of(), Map.of(), "api-live-7").hostnameTokens("production", "eu").build();
    assertThat(noLive.detect().reason()).isEqualTo("default");
  }
}
