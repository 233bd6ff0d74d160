package dev.secrets4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceUriParamsTest {
  enum Stage { AWS_CURRENT, AWS_PREVIOUS }

  private static SourceUri uri(String text) {
    return SourceUri.parse(text, Environment.STAGING);
  }

  @Test
  void durations_useTheLibrarysGrammar_withinARange() {
    SourceUri u = uri("x://h?timeout=500ms&ttl=PT5M&zero=0");
    assertThat(u.durationParam("timeout", Duration.ZERO, Duration.ofMinutes(1))).contains(Duration.ofMillis(500));
    assertThat(u.durationParam("ttl", Duration.ZERO, Duration.ofHours(1))).contains(Duration.ofMinutes(5));
    assertThat(u.durationParam("zero", Duration.ZERO, Duration.ofHours(1))).contains(Duration.ZERO);
    assertThat(u.durationParam("absent", Duration.ZERO, Duration.ofHours(1))).isEmpty();
    assertThat(SourceUri.parseDuration("90d")).contains(Duration.ofDays(90));
    assertThat(SourceUri.parseDuration("soon")).isEmpty();
  }

  @Test
  void badDuration_namesTheUriAndTheParameter() {
    assertThatThrownBy(() -> uri("x://h?timeout=soon").durationParam("timeout", Duration.ZERO, Duration.ofHours(1)))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("x://h?timeout=soon").hasMessageContaining("parameter 'timeout'")
        .hasMessageContaining("not a duration");
    assertThatThrownBy(() -> uri("x://h?timeout=2h").durationParam("timeout", Duration.ZERO, Duration.ofHours(1)))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("outside");
  }

  @Test
  void booleans_integers_andEnums() {
    SourceUri u = uri("x://h?tls=TRUE&retries=3&stage=aws-previous");
    assertThat(u.booleanParam("tls")).contains(true);
    assertThat(u.intParam("retries", 0, 10)).hasValue(3);
    assertThat(u.enumParam("stage", Stage.class)).contains(Stage.AWS_PREVIOUS);
    assertThat(u.intParam("absent", 0, 10)).isEmpty();
  }

  @Test
  void badBooleanIntegerOrEnum_isAClearError_thatMasksCredentialLikeValues() {
    assertThatThrownBy(() -> uri("x://h?tls=yes").booleanParam("tls"))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("parameter 'tls'");
    assertThatThrownBy(() -> uri("x://h?retries=11").intParam("retries", 0, 10))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("outside 0 to 10");
    assertThatThrownBy(() -> uri("x://h?retries=many").intParam("retries", 0, 10))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("not an integer");
    assertThatThrownBy(() -> uri("x://h?stage=latest").enumParam("stage", Stage.class))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("[aws-current, aws-previous]");
    assertThatThrownBy(() -> uri("x://h?token=hunter2").intParam("token", 0, 1))
        .isInstanceOf(SecretConfigurationException.class).satisfies(e -> assertThat(e.getMessage())
            .doesNotContain("hunter2"));
  }
}
