package dev.secrets4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.spi.SecretSourceException.Kind;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretSourceExceptionTest {
  @Test
  void withRetryAfter_returnsACopy_andLeavesTheOriginalUnchanged() {
    IOException cause = new IOException("503");
    SecretSourceException original = new SecretSourceException(Kind.TRANSIENT, "throttled", cause);

    SecretSourceException hinted = original.withRetryAfter(Duration.ofSeconds(30));

    assertThat(original.retryAfter()).isEmpty();
    assertThat(hinted).isNotSameAs(original);
    assertThat(hinted.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(hinted.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(hinted.getMessage()).isEqualTo("throttled");
    assertThat(hinted.getCause()).isSameAs(cause);
    assertThat(hinted.getStackTrace()).isEqualTo(original.getStackTrace());
  }

  @Test
  void retryAfter_isSetAtConstruction_andANegativeOneMeansNone() {
    assertThat(new SecretSourceException(Kind.TRANSIENT, "x", null, Duration.ofSeconds(5)).retryAfter())
        .contains(Duration.ofSeconds(5));
    assertThat(new SecretSourceException(Kind.TRANSIENT, "x", null, Duration.ofSeconds(-5)).retryAfter()).isEmpty();
  }

  @Test
  @SuppressWarnings("removal")
  void deprecatedRetryAfterSetter_returnsACopy_soThrowingItsResultStillWorks() {
    SecretSourceException original = new SecretSourceException(Kind.TRANSIENT, "x");
    SecretSourceException hinted = original.retryAfter(Duration.ofSeconds(7));

    assertThat(hinted.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(original.retryAfter()).isEmpty();
  }
}
