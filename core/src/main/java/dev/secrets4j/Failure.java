package dev.secrets4j;

import dev.secrets4j.spi.SecretSourceException;

/** The last failure of an entry. */
final class Failure {
  final SecretSourceException cause;
  final int attempts;
  final long since;

  Failure(SecretSourceException cause, int attempts, long since) {
    this.cause = cause;
    this.attempts = attempts;
    this.since = since;
  }
}
