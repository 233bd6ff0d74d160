package dev.secrets4j.aws.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each secret's current value was last read successfully ({@code GetSecretValue} or a batch entry): the proof
 * that the caller may still read and decrypt it. The {@code DescribeSecret} version check is used only while that
 * proof is younger than {@code confirmEvery}; after that the value is read again.
 */
final class ValueConfirmations {
  private final Clock clock;
  private final Duration every;
  private final Map<String, Instant> lastRead = new ConcurrentHashMap<>();

  ValueConfirmations(Clock clock, Duration every) {
    this.clock = clock;
    this.every = every;
  }

  /** {@code name}'s value was just read. */
  void confirmed(String name) {
    lastRead.put(name, clock.instant());
  }

  /** {@code name}'s value could not be read: the next check reads it again. */
  void forget(String name) {
    lastRead.remove(name);
  }

  /** True while {@code name}'s last successful value read is at most {@code confirmEvery} old. */
  boolean fresh(String name) {
    Instant last = lastRead.get(name);
    return last != null && !clock.instant().isAfter(last.plus(every));
  }
}
