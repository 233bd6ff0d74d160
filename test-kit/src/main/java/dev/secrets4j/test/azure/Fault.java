package dev.secrets4j.test.azure;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A failure the {@link LocalKeyVault} plays on an authenticated request. Immutable; narrow it with
 * {@link #on(String)} (one REST operation: {@code GetSecret}, {@code GetSecretVersions}, {@code GetDeletedSecret},
 * {@code SetSecret}, {@code UpdateSecret}, {@code DeleteSecret}, {@code RecoverDeletedSecret},
 * {@code PurgeDeletedSecret}; without it, the reads {@code GetSecret}, {@code GetSecretVersions} and
 * {@code GetDeletedSecret}),
 * {@link #forSecret(String)} (one secret name, without case) and {@link #times(int)} (how many matching requests
 * it hits; by default every one until cleared).
 */
public final class Fault {
  enum Kind { STATUS, DELAY, DROP }

  final Kind kind;
  final int status;
  final String retryAfter;
  final Duration delay;
  private final String operation;
  private final String secretName;
  private final int times;

  private Fault(Kind kind, int status, String retryAfter, Duration delay, String operation, String secretName,
      int times) {
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.delay = delay;
    this.operation = operation;
    this.secretName = secretName;
    this.times = times;
  }

  /**
   * Answers {@code status} with Key Vault's error body ({@code Throttled}, {@code ServiceUnavailable},
   * {@code BadParameter}, {@code Forbidden} or {@code InternalServerError}).
   *
   * @throws IllegalArgumentException if {@code status} is not an error status (400-599)
   */
  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a fault's status is 400-599, was " + status);
    }
    return new Fault(Kind.STATUS, status, null, null, null, null, Integer.MAX_VALUE);
  }

  /**
   * {@code 429 Too Many Requests} with {@code Retry-After: retryAfterSeconds}, as Key Vault throttles.
   *
   * @throws IllegalArgumentException if {@code retryAfterSeconds} is negative
   */
  public static Fault throttling(long retryAfterSeconds) {
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("retryAfterSeconds must not be negative, was " + retryAfterSeconds);
    }
    return new Fault(Kind.STATUS, 429, Long.toString(retryAfterSeconds), null, null, null, Integer.MAX_VALUE);
  }

  /** {@code 500 InternalServerError}. */
  public static Fault internalError() {
    return status(500);
  }

  /** {@code 503 ServiceUnavailable}. */
  public static Fault serviceUnavailable() {
    return status(503);
  }

  /** {@code 403 Forbidden} with inner error {@code ForbiddenByRbac}, as RBAC refuses a caller without the role. */
  public static Fault accessDenied() {
    return status(403);
  }

  /**
   * Holds the answer for {@code delay} (released early when the vault closes), then answers normally.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public static Fault delay(Duration delay) {
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    return new Fault(Kind.DELAY, 0, null, delay, null, null, Integer.MAX_VALUE);
  }

  /** Closes the connection without an answer. */
  public static Fault dropConnection() {
    return new Fault(Kind.DROP, 0, null, null, null, null, Integer.MAX_VALUE);
  }

  /** Only requests of {@code operation} (a REST operation named in the class comment). */
  public Fault on(String operation) {
    return new Fault(kind, status, retryAfter, delay, Objects.requireNonNull(operation, "operation"), secretName,
        times);
  }

  /** Only requests about the secret {@code name} (compared without case). */
  public Fault forSecret(String name) {
    return new Fault(kind, status, retryAfter, delay, operation, Objects.requireNonNull(name, "name"), times);
  }

  /**
   * Only the next {@code n} matching requests.
   *
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + n);
    }
    return new Fault(kind, status, retryAfter, delay, operation, secretName, n);
  }

  /** How many matching requests it hits; {@link Integer#MAX_VALUE} for every one. */
  public int times() {
    return times;
  }

  boolean matches(String op, String name) {
    boolean opMatches = operation == null
        ? "GetSecret".equals(op) || "GetSecretVersions".equals(op) || "GetDeletedSecret".equals(op)
        : operation.equals(op);
    return opMatches && (secretName == null || secretName.equalsIgnoreCase(name));
  }

  @Override
  public String toString() {
    String what;
    switch (kind) {
      case STATUS:
        what = "HTTP " + status + (retryAfter == null ? "" : " Retry-After " + retryAfter);
        break;
      case DELAY:
        what = "delay " + delay;
        break;
      default:
        what = "dropped connection";
    }
    return what + (operation != null ? " on " + operation : "") + (secretName != null ? " for "
        + secretName.toLowerCase(Locale.ROOT) : "") + (times != Integer.MAX_VALUE ? " x" + times : "");
  }
}
