package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code environment=} in a (packaged) configuration file never overrides the process's own setting. */
class ConfiguredEnvironmentTest {
  private static final String FILE = "classpath:secrets4j.properties";

  @TempDir
  Path dir;

  private static EnvironmentDetector.Builder detector() {
    return EnvironmentDetector.builder().systemProperties(Map.of()).environmentVariables(Map.of()).hostname(null);
  }

  @Test
  void fileSayingStaging_inAProcessWithAppEnvProduction_isAnErrorNamingBoth() {
    EnvironmentDetector d = detector().environmentVariables(Map.of("APP_ENV", "production")).build()
        .withConfigured("staging", FILE);
    assertThatThrownBy(d::detect).isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining(FILE).hasMessageContaining("environment=staging")
        .hasMessageContaining("APP_ENV is production").hasMessageContaining("remove environment=");
  }

  @Test
  void fileAndSystemPropertyDisagreeing_isAnError_too() {
    EnvironmentDetector d = detector().systemProperties(Map.of("app.env", "prod")).build()
        .withConfigured("staging", FILE);
    assertThatThrownBy(d::detect).isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("system property app.env is prod");
  }

  @Test
  void fileAlone_decides_andTheReasonNamesTheFileAndKey() {
    Environment.Detection detection = detector().build().withConfigured("stg", FILE).detect();
    assertThat(detection.environment()).isEqualTo(Environment.STAGING);
    assertThat(detection.reason()).isEqualTo("environment=stg (key 'environment' in " + FILE + ")");
  }

  @Test
  void fileAgreeingWithAppEnv_isUsed_andTheReasonSaysBoth() {
    Environment.Detection detection = detector().environmentVariables(Map.of("APP_ENV", "prd")).build()
        .withConfigured("production", FILE).detect();
    assertThat(detection.environment()).isEqualTo(Environment.PRODUCTION);
    assertThat(detection.reason()).contains(FILE).contains("agreeing with environment variable APP_ENV=prd");
  }

  @Test
  void codeStillWinsOverTheFile() {
    Environment.Detection detection = detector().environmentVariables(Map.of("APP_ENV", "production")).build()
        .withConfigured("staging", FILE).withExplicit("development").detect();
    assertThat(detection.environment()).isEqualTo(Environment.DEVELOPMENT);
  }

  @Test
  void throughTheConfigurationFile_appEnvDisagreeing_stopsTheBuild() throws IOException {
    assumeTrue(System.getenv("APP_ENV") == null, "the test sets app.env itself");
    Path file = dir.resolve("secrets4j.properties");
    Files.writeString(file, "environment=staging\nsource=memory:{env}\naudit.slf4j=false\n");
    String prior = System.getProperty("app.env");
    System.setProperty("app.env", "production");
    try {
      SecretsBuilder b = new SecretsBuilder();
      ConfigLoader.locate(Map.of("SECRETS4J_CONFIG", file.toString()), null, getClass().getClassLoader()).applyTo(b);
      assertThatThrownBy(b::build).isInstanceOf(SecretConfigurationException.class)
          .hasMessageContaining(file.toString()).hasMessageContaining("production");
    } finally {
      if (prior == null) {
        System.clearProperty("app.env");
      } else {
        System.setProperty("app.env", prior);
      }
    }
    SecretsBuilder b = new SecretsBuilder();
    ConfigLoader.locate(Map.of("SECRETS4J_CONFIG", file.toString()), null, getClass().getClassLoader()).applyTo(b);
    try (Secrets s = b.build()) {
      assertThat(s.environment()).isEqualTo(Environment.STAGING);
      assertThat(s.detection().reason()).contains("key 'environment' in " + file);
    }
  }
}
