package dev.secrets4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.secrets4j.Secrets;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExampleConfigsTest {
  @ParameterizedTest
  @ValueSource(strings = {"aws", "gcp", "azure", "kubernetes", "ci", "encrypted"})
  void everyExampleConfiguration_isValid(String store) throws URISyntaxException {
    Path file = Paths.get(getClass().getResource("/examples/" + store + "/secrets4j.properties").toURI());
    System.setProperty("secrets4j.config", file.toString());
    try {
      assertThatCode(Secrets::builderFromConfig).doesNotThrowAnyException();
    } finally {
      System.clearProperty("secrets4j.config");
    }
    assertThat(file).exists();
  }
}
