package dev.secrets4j;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;

/**
 * The last failure of an entry: its cause, how many store calls failed in a row, since when, and since when the
 * store has refused the secret definitively (a revocation pending its grace), if it has.
 */
final class Failure {
  /** {@link #definitiveSince} when no definitive answer came in this run of failures. */
  static final long NONE = Long.MIN_VALUE;

  final SecretSourceException cause;
  final int attempts;
  final long since;
  final long definitiveSince;

  Failure(SecretSourceException cause, int attempts, long since, long definitiveSince) {
    this.cause = cause;
    this.attempts = attempts;
    this.since = since;
    this.definitiveSince = definitiveSince;
  }

  /** The failure after {@code prior} (null: the first of a run) with {@code cause} at {@code now}. */
  static Failure after(Failure prior, SecretSourceException cause, long now) {
    if (prior == null) {
      return new Failure(cause, 1, now, isDefinitive(cause) ? now : NONE);
    }
    long definitive = prior.definitiveSince != NONE ? prior.definitiveSince : isDefinitive(cause) ? now : NONE;
    return new Failure(cause, prior.attempts + 1, prior.since, definitive);
  }

  /**
   * Whether the store said no rather than failed: every kind but {@code TRANSIENT}. Only a success cancels such
   * an answer; a transient failure after it does not.
   */
  static boolean isDefinitive(SecretSourceException cause) {
    return cause.kind() != Kind.TRANSIENT;
  }

  /** A definitive answer came in this run of failures: the value is served only until the grace passes. */
  boolean revocationPending() {
    return definitiveSince != NONE;
  }
}
