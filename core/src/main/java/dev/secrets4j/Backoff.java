package dev.secrets4j;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.util.function.DoubleSupplier;

/**
 * When to ask the store again: the jittered refresh interval after a success, and after a failure the exponential
 * backoff (initial doubling to max, ±20% jitter), a fixed pause for not-found and access-denied answers, one
 * confirming call within the revocation grace when the store refuses a value being served, never
 * sooner than the store's own {@code Retry-After}. The random source is injected, so tests assert exact values.
 */
final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private final long refreshAfterNanos;
  private final double refreshJitter;
  private final long notFoundTtlNanos;
  private final long maxStaleNanos;
  private final long confirmRevocationNanos;
  /** Uniform in [0, 1). */
  private final DoubleSupplier random;

  Backoff(ResolverSettings s) {
    this.initialNanos = s.backoffInitial.toNanos();
    this.maxNanos = s.backoffMax.toNanos();
    this.refreshAfterNanos = s.refreshAfter.toNanos();
    this.refreshJitter = s.refreshJitter;
    this.notFoundTtlNanos = s.notFoundTtl.toNanos();
    this.maxStaleNanos = s.maxStale.toNanos();
    this.random = s.random;
    // a definitive answer about a cached value is confirmed once within its grace before the value goes
    this.confirmRevocationNanos = Math.max(s.revokedGrace.toNanos() / 2, initialNanos);
  }

  /** The delay before attempt {@code attempts + 1} after {@code attempts} transient failures in a row. */
  long backoffNanos(int attempts) {
    long d = initialNanos;
    for (int i = 1; i < attempts && d < maxNanos; i++) {
      d *= 2;
    }
    d = Math.min(d, maxNanos);
    // ±20% jitter so a fleet does not retry in step
    double jitter = 0.8 + 0.4 * random.getAsDouble();
    return (long) (d * jitter);
  }

  /** The refresh interval for a value just loaded or confirmed: {@code refreshAfter} ± the jitter. */
  long refreshNanos() {
    double j = refreshJitter;
    double factor = 1.0 + (j == 0 ? 0 : (random.getAsDouble() * 2 - 1) * j);
    return (long) (refreshAfterNanos * factor);
  }

  /** How far ahead of its due time a refresh may ride along in a batch: the jitter window. */
  long coalesceWindowNanos() {
    return (long) (refreshAfterNanos * Math.max(refreshJitter, 0.0));
  }

  /** Records a failed store call on {@code e}: its failure count, and when the store may be asked again. */
  void recordFailure(Entry e, SecretSourceException ex, long now, boolean noValue) {
    Failure failure = Failure.after(e.failure, ex, now);
    long delay;
    if (Failure.isDefinitive(ex) && !noValue) {
      // the store refused a value being served: ask once more within the grace, then it goes
      delay = Math.min(confirmRevocationNanos, refreshAfterNanos);
    } else if (ex.kind() == Kind.NOT_FOUND || ex.kind() == Kind.ACCESS_DENIED) {
      // no retry loop: a missing or forbidden secret is looked at again after a fixed pause
      delay = notFoundTtlNanos;
    } else {
      delay = backoffNanos(failure.attempts);
    }
    if (ex.retryAfter().isPresent()) {
      // the store said when: never sooner (capped by maxStale, beyond which there is nothing to protect)
      delay = Math.max(delay, Math.min(ex.retryAfter().get().toNanos(), maxStaleNanos));
    }
    e.failed(failure, now + delay, !noValue);
  }
}
