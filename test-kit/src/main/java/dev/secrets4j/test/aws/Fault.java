package dev.secrets4j.test.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the {@link LocalSecretsManager} plays instead of (or before) a normal answer. Immutable;
 * narrow it with {@link #on(String)} (one operation), {@link #forSecret(String)} (one secret id) and
 * {@link #times(int)} (how many matching calls it hits, default every one until cleared).
 *
 * <p>A fault narrowed to one secret makes a {@code BatchGetSecretValue} answer carry that secret in its
 * {@code Errors} list (error faults) instead of failing the whole call.
 */
public final class Fault {
  /** What the server does. */
  public enum Kind {
    /** An AWS JSON error response with the given status, {@code __type} and message. */
    ERROR,
    /** Closes the connection without any response. */
    DROP_CONNECTION,
    /** Holds the request until {@link LocalSecretsManager#releaseHangs()} or close, then drops it. */
    HANG,
    /** Waits for the given time, then answers normally. */
    DELAY
  }

  private final Kind kind;
  private final int status;
  private final String type;
  private final String message;
  private final Duration delay;
  private final String operation;
  private final String secretId;
  private final int times;

  private Fault(Kind kind, int status, String type, String message, Duration delay, String operation,
      String secretId, int times) {
    this.kind = kind;
    this.status = status;
    this.type = type;
    this.message = message;
    this.delay = delay;
    this.operation = operation;
    this.secretId = secretId;
    this.times = times;
  }

  /** Any AWS JSON error: {@code {"__type": type, "Message": message}} with HTTP {@code status}. */
  public static Fault error(int status, String type, String message) {
    return new Fault(Kind.ERROR, status, Objects.requireNonNull(type, "type"), message, null, null, null,
        Integer.MAX_VALUE);
  }

  /** {@code ThrottlingException}, HTTP 400, as Secrets Manager answers over its request quota. */
  public static Fault throttling() {
    return error(400, "ThrottlingException", "Rate exceeded");
  }

  /** {@code InternalServiceError}, HTTP 500. */
  public static Fault internalError() {
    return error(500, "InternalServiceError", "An error occurred on the server side.");
  }

  /** HTTP 503 {@code ServiceUnavailableException}. */
  public static Fault serviceUnavailable() {
    return error(503, "ServiceUnavailableException", "Service is unavailable. Try again later.");
  }

  /** {@code AccessDeniedException}, HTTP 400, as IAM refuses an action. */
  public static Fault accessDenied() {
    return error(400, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/test is not authorized to "
        + "perform this operation because no identity-based policy allows it");
  }

  /** {@code DecryptionFailure}, HTTP 400, as when the KMS key cannot decrypt the secret. */
  public static Fault decryptionFailure() {
    return error(400, "DecryptionFailure",
        "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
  }

  /** Closes the connection without answering. */
  public static Fault dropConnection() {
    return new Fault(Kind.DROP_CONNECTION, 0, null, null, null, null, null, Integer.MAX_VALUE);
  }

  /** Holds the request until released or the server closes; the client sees a timeout. */
  public static Fault hang() {
    return new Fault(Kind.HANG, 0, null, null, null, null, null, Integer.MAX_VALUE);
  }

  /** Answers normally after {@code delay}. */
  public static Fault delay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return new Fault(Kind.DELAY, 0, null, null, delay, null, null, Integer.MAX_VALUE);
  }

  /** Only calls of {@code operation} ({@code GetSecretValue}, ...). */
  public Fault on(String operation) {
    return new Fault(kind, status, type, message, delay, Objects.requireNonNull(operation, "operation"), secretId,
        times);
  }

  /** Only calls about {@code secretId} (a name or ARN, as the client sends it). */
  public Fault forSecret(String secretId) {
    return new Fault(kind, status, type, message, delay, operation, Objects.requireNonNull(secretId, "secretId"),
        times);
  }

  /**
   * Only the next {@code n} matching calls.
   *
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + n);
    }
    return new Fault(kind, status, type, message, delay, operation, secretId, n);
  }

  /** What the server does. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status of an {@link Kind#ERROR}, else 0. */
  public int status() {
    return status;
  }

  /** The {@code __type} of an {@link Kind#ERROR}, else null. */
  public String type() {
    return type;
  }

  /** The message of an {@link Kind#ERROR}, else null. */
  public String message() {
    return message;
  }

  /** The wait of a {@link Kind#DELAY}, else null. */
  public Duration delay() {
    return delay;
  }

  /** The operation it is narrowed to, or null for every operation. */
  public String operation() {
    return operation;
  }

  /** The secret id it is narrowed to, or null for every secret. */
  public String secretId() {
    return secretId;
  }

  /** How many matching calls it hits; {@link Integer#MAX_VALUE} for every one. */
  public int times() {
    return times;
  }

  @Override
  public String toString() {
    return "Fault[" + (kind == Kind.ERROR ? status + " " + type : kind.name().toLowerCase(java.util.Locale.ROOT))
        + (operation != null ? " on " + operation : "") + (secretId != null ? " for " + secretId : "")
        + (times != Integer.MAX_VALUE ? " x" + times : "") + "]";
  }
}
