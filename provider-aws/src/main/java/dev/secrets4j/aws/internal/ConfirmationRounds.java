package dev.secrets4j.aws.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a listing check stops vouching for a while so that every value is read (a confirmation round), spread over
 * a fleet. Each source draws its own phase: the first round within 50-90 % of {@code confirmEvery} after the first
 * check (so before the values read at start-up age past the bound), then every 90-98 % of it. Pods started together
 * therefore confirm over a quarter of an hour instead of all at once, which at 10,000 pods would be 50,000
 * {@code BatchGetSecretValue} calls within a minute against a quota of 100 a second.
 */
final class ConfirmationRounds {
  private final Clock clock;
  private final Duration every;
  private Instant next;

  ConfirmationRounds(Clock clock, Duration every) {
    this.clock = clock;
    this.every = every;
  }

  /** True when a round is due now (and schedules the next one). */
  synchronized boolean due() {
    Instant now = clock.instant();
    if (next == null) {
      next = now.plus(fraction(0.5, 0.9));
      return false;
    }
    if (now.isBefore(next)) {
      return false;
    }
    next = now.plus(fraction(0.9, 0.98));
    return true;
  }

  private Duration fraction(double from, double to) {
    return Duration.ofMillis((long) (every.toMillis() * ThreadLocalRandom.current().nextDouble(from, to)));
  }
}
