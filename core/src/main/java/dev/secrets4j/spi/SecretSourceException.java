package dev.secrets4j.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
  private final Duration retryAfter;

  /**
   * A failure of {@code kind}, without a cause or a retry hint.
   *
   * @throws NullPointerException when {@code kind} is null
   */
  public SecretSourceException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  /**
   * A failure of {@code kind} caused by {@code cause} (may be null), without a retry hint.
   *
   * @throws NullPointerException when {@code kind} is null
   */
  public SecretSourceException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, null);
  }

  /**
   * A failure of {@code kind} caused by {@code cause} (may be null), where the store asked to be left alone for
   * {@code retryAfter} (HTTP {@code Retry-After}, a throttling hint; null or negative: it did not say). The
   * resolver's next attempt is then no sooner, whatever its own backoff says.
   *
   * @throws NullPointerException when {@code kind} is null
   */
  public SecretSourceException(Kind kind, String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
  }

  /**
   * A copy of this failure (kind, message, cause, stack trace) with the store's retry hint {@code wait} (null or
   * negative: none). This instance is unchanged.
   */
  public SecretSourceException withRetryAfter(Duration wait) {
    SecretSourceException copy = new SecretSourceException(kind, getMessage(), getCause(), wait);
    copy.setStackTrace(getStackTrace());
    for (Throwable suppressed : getSuppressed()) {
      copy.addSuppressed(suppressed);
    }
    return copy;
  }

  /**
   * {@link #withRetryAfter(Duration)}: returns a copy with the hint, and leaves this instance unchanged. Use the
   * result ({@code throw e.retryAfter(wait)}).
   *
   * @deprecated the exception is immutable; use {@link #withRetryAfter(Duration)} or the four-argument constructor
   */
  @Deprecated(since = "0.2.0", forRemoval = true)
  @SuppressWarnings("InlineMeSuggester") // removed in the next release; the SPI takes no annotation dependency
  public SecretSourceException retryAfter(Duration wait) {
    return withRetryAfter(wait);
  }

  /** How long the store asked to wait before the next call, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
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
