package dev.secrets4j.spi;

import java.util.Objects;

/**
 * A store's failure, as a provider reports it to the resolver. The {@link Kind} decides what the
 * resolver does: {@code TRANSIENT} failures are retried with backoff while the last good value is
 * served; the others are not retried in a loop.
 *
 * <p>Contract: the message names the secret and the source, never a secret value.
 */
public class SecretSourceException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is; drives retry and audit outcome. */
  public enum Kind {
    /** The secret, or the asked version, does not exist in the store. */
    NOT_FOUND,
    /** The store refused the caller's credentials or permissions. */
    ACCESS_DENIED,
    /** Throttling, timeouts, 5xx, I/O: worth retrying later. */
    TRANSIENT,
    /** Anything retrying will not fix: bad request, undecryptable, malformed content. */
    PERMANENT
  }

  private final Kind kind;
  private java.time.Duration retryAfter;

  public SecretSourceException(Kind kind, String message) {
    this(kind, message, null);
  }

  public SecretSourceException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Records that the store asked to be left alone for {@code wait} (HTTP {@code Retry-After}, a throttling
   * hint): the resolver's next attempt is then no sooner, whatever its own backoff says. Returns this.
   */
  public SecretSourceException retryAfter(java.time.Duration wait) {
    this.retryAfter = wait == null || wait.isNegative() ? null : wait;
    return this;
  }

  /** How long the store asked to wait before the next call, if it said. */
  public java.util.Optional<java.time.Duration> retryAfter() {
    return java.util.Optional.ofNullable(retryAfter);
  }

  /** The kind of failure; never null. */
  public Kind kind() {
    return kind;
  }

  /** {@code NOT_FOUND} for {@code name} in {@code sourceId}. */
  public static SecretSourceException notFound(String name, String sourceId) {
    return new SecretSourceException(
        Kind.NOT_FOUND, "secret '" + name + "' not found in " + sourceId);
  }

  /** {@code ACCESS_DENIED} for {@code name} in {@code sourceId}, with the store's reason. */
  public static SecretSourceException accessDenied(String name, String sourceId, String reason, Throwable cause) {
    return new SecretSourceException(
        Kind.ACCESS_DENIED, "access to secret '" + name + "' denied by " + sourceId + ": " + reason, cause);
  }

  /** {@code TRANSIENT} for {@code name} in {@code sourceId}, with the store's reason. */
  public static SecretSourceException transientFailure(String name, String sourceId, String reason, Throwable cause) {
    return new SecretSourceException(
        Kind.TRANSIENT, "reading secret '" + name + "' from " + sourceId + " failed: " + reason, cause);
  }

  /** {@code PERMANENT} for {@code name} in {@code sourceId}, with the store's reason. */
  public static SecretSourceException permanent(String name, String sourceId, String reason, Throwable cause) {
    return new SecretSourceException(
        Kind.PERMANENT, "reading secret '" + name + "' from " + sourceId + " failed: " + reason, cause);
  }
}
