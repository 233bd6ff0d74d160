package dev.secrets4j.test.gcp;

import io.grpc.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A failure the {@link LocalSecretManager} plays instead of an answer. Immutable; narrow it with {@link #on(String)}
 * (one gRPC method), {@link #forSecret(String)} (one secret id) and {@link #times(int)} (how many matching calls it
 * hits; by default every one until cleared).
 */
public final class Fault {
  private final Status.Code code;
  private final String method;
  private final String secretId;
  private final int times;
  private final String description;
  private final Duration retryDelay;

  private Fault(Status.Code code, String method, String secretId, int times, String description,
      Duration retryDelay) {
    this.code = code;
    this.method = method;
    this.secretId = secretId;
    this.times = times;
    this.description = description;
    this.retryDelay = retryDelay;
  }

  /**
   * The call ends with {@code code} and a description naming the resource.
   *
   * @throws IllegalArgumentException if {@code code} is {@code OK}
   */
  public static Fault status(Status.Code code) {
    if (Objects.requireNonNull(code, "code") == Status.Code.OK) {
      throw new IllegalArgumentException("a fault cannot be OK");
    }
    return new Fault(code, null, null, Integer.MAX_VALUE, null, null);
  }

  /**
   * {@code RESOURCE_EXHAUSTED} as Secret Manager answers over its per-minute quota, with a {@code google.rpc.RetryInfo}
   * of one second in the status details ({@code grpc-status-details-bin}).
   */
  public static Fault throttling() {
    return throttling(Duration.ofSeconds(1));
  }

  /**
   * {@code RESOURCE_EXHAUSTED} as Secret Manager answers over its per-minute quota ("Quota exceeded for quota metric
   * 'Access requests' and limit 'Access requests per minute per project' ..."), with a {@code google.rpc.RetryInfo}
   * whose {@code retry_delay} is {@code retryDelay} in the status details.
   *
   * @throws IllegalArgumentException if {@code retryDelay} is negative
   */
  public static Fault throttling(Duration retryDelay) {
    if (Objects.requireNonNull(retryDelay, "retryDelay").isNegative()) {
      throw new IllegalArgumentException("retryDelay must not be negative, was " + retryDelay);
    }
    return new Fault(Status.Code.RESOURCE_EXHAUSTED, null, null, Integer.MAX_VALUE,
        "Quota exceeded for quota metric 'Access requests' and limit 'Access requests per minute per project' of "
            + "service 'secretmanager.googleapis.com' for consumer 'project_number:123456789012'.", retryDelay);
  }

  /** {@code UNAVAILABLE}, the service's transient outage. */
  public static Fault unavailable() {
    return status(Status.Code.UNAVAILABLE);
  }

  /** {@code INTERNAL}. */
  public static Fault internalError() {
    return status(Status.Code.INTERNAL);
  }

  /** {@code PERMISSION_DENIED}, as IAM refuses a caller without the role. */
  public static Fault accessDenied() {
    return status(Status.Code.PERMISSION_DENIED);
  }

  /** The call is accepted and never answered; the client's deadline ends it. */
  public static Fault hang() {
    return new Fault(null, null, null, Integer.MAX_VALUE, null, null);
  }

  /** Only calls of {@code method}, a bare gRPC method name ({@code AccessSecretVersion}). */
  public Fault on(String method) {
    return new Fault(code, Objects.requireNonNull(method, "method"), secretId, times, description, retryDelay);
  }

  /** Only calls whose resource is secret {@code secretId} or one of its versions, in any project. */
  public Fault forSecret(String secretId) {
    return new Fault(code, method, Objects.requireNonNull(secretId, "secretId"), times, description, retryDelay);
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
    return new Fault(code, method, secretId, n, description, retryDelay);
  }

  /** The status code the call ends with, or null for {@link #hang()}. */
  public Status.Code code() {
    return code;
  }

  /** The status description, or null for {@code "injected CODE for RESOURCE"}. */
  public String description() {
    return description;
  }

  /** The {@code RetryInfo.retry_delay} sent in the status details, or null for none. */
  public Duration retryDelay() {
    return retryDelay;
  }

  /** The method it is narrowed to, or null for every method. */
  public String method() {
    return method;
  }

  /** The secret id it is narrowed to, or null for every secret. */
  public String secretId() {
    return secretId;
  }

  /** How many matching calls it hits; {@link Integer#MAX_VALUE} for every one. */
  public int times() {
    return times;
  }

  boolean matches(String method, String resource) {
    if (this.method != null && !this.method.equals(method)) {
      return false;
    }
    return secretId == null || resource.endsWith("/secrets/" + secretId)
        || resource.contains("/secrets/" + secretId + "/");
  }

  @Override
  public String toString() {
    return "Fault[" + (code == null ? "hang" : code.name().toLowerCase(Locale.ROOT))
        + (method != null ? " on " + method : "") + (secretId != null ? " for " + secretId : "")
        + (times != Integer.MAX_VALUE ? " x" + times : "") + (retryDelay != null ? " retry " + retryDelay : "") + "]";
  }
}
