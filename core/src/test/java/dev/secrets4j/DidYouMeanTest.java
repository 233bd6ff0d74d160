package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DidYouMeanTest {
  @TempDir
  Path dir;

  @Test
  void unknownKey_suggestsTheClosestValidKey() throws Exception {
    Path file = dir.resolve("secrets4j.properties");
    Files.writeString(file, "source=memory:x\ncache.refresh-afer=5m\n");
    assertThatThrownBy(() -> ConfigLoader.locate(Map.of("SECRETS4J_CONFIG", file.toString()), null,
        getClass().getClassLoader()).applyTo(new SecretsBuilder()))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageStartingWith("unknown key 'cache.refresh-afer' in " + file + "; did you mean 'cache.refresh-after'?");
  }

  @Test
  void farFromEveryKey_noSuggestion() {
    assertThat(DidYouMean.closest("frobnicate.everything", List.of("cache.refresh-after", "source"))).isEmpty();
    assertThat(DidYouMean.closest("guard.shared-sources", List.of("guard.shared-source", "source")))
        .contains("guard.shared-source");
  }
}
