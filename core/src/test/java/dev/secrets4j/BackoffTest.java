package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backoff and refresh jitter with an injected random source: exact values, no ranges. */
class BackoffTest {
  private static Backoff backoff(double random) {
    ResolverSettings s = new ResolverSettings();
    s.backoffInitial = Duration.ofSeconds(1);
    s.backoffMax = Duration.ofSeconds(60);
    s.refreshAfter = Duration.ofMinutes(5);
    s.refreshJitter = 0.10;
    s.notFoundTtl = Duration.ofSeconds(30);
    s.maxStale = Duration.ofHours(24);
    s.revokedGrace = Duration.ofSeconds(30);
    s.random = () -> random;
    return new Backoff(s);
  }

  @Test
  void backoff_doublesFromOneSecondToSixty_withTwentyPercentJitter() {
    Backoff middle = backoff(0.5);
    assertThat(middle.backoffNanos(1)).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(middle.backoffNanos(2)).isEqualTo(Duration.ofSeconds(2).toNanos());
    assertThat(middle.backoffNanos(6)).isEqualTo(Duration.ofSeconds(32).toNanos());
    assertThat(middle.backoffNanos(7)).isEqualTo(Duration.ofSeconds(60).toNanos());
    assertThat(middle.backoffNanos(40)).isEqualTo(Duration.ofSeconds(60).toNanos());

    assertThat(backoff(0.0).backoffNanos(1)).isEqualTo(Duration.ofMillis(800).toNanos());
    assertThat(backoff(0.75).backoffNanos(3)).isEqualTo(Duration.ofMillis(4400).toNanos());
  }

  @Test
  void refresh_isRefreshAfterPlusOrMinusTenPercent() {
    assertThat(backoff(0.5).refreshNanos()).isEqualTo(Duration.ofMinutes(5).toNanos());
    assertThat(backoff(0.0).refreshNanos()).isEqualTo(Duration.ofSeconds(270).toNanos());
    assertThat(backoff(0.75).refreshNanos()).isEqualTo(Duration.ofSeconds(315).toNanos());
  }

  @Test
  void failure_isNeverRetriedSoonerThanTheStoreAsked() {
    Entry e = new Entry("api-key", null, null);
    backoff(0.5).recordFailure(e, new SecretSourceException(Kind.TRANSIENT, "throttled", null,
        Duration.ofMinutes(2)), 0L, true);

    assertThat(e.nextAttemptNanos).isEqualTo(Duration.ofMinutes(2).toNanos());
    assertThat(e.failure.attempts).isEqualTo(1);
  }

  @Test
  void notFound_waitsTheNotFoundTtl_notABackoff() {
    Entry e = new Entry("api-key", null, null);
    backoff(0.5).recordFailure(e, new SecretSourceException(Kind.NOT_FOUND, "gone"), 10L, true);

    assertThat(e.nextAttemptNanos).isEqualTo(10L + Duration.ofSeconds(30).toNanos());
  }
}
