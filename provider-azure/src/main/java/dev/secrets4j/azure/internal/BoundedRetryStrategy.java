package dev.secrets4j.azure.internal;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The SDK's retry rule for one store call, with a bounded wait: at most {@code retries} retries; 408, 429
 * and 5xx (but 501 and 505) and I/O failures are retried, nothing else (401, 403, 404, token failures are
 * answered at once). Between tries the SDK waits the store's {@code Retry-After} (as the SDK reads it:
 * {@code x-ms-retry-after-ms}, {@code retry-after-ms}, {@code Retry-After} in seconds or as a date) when that is
 * at most {@code maxRetryWait}; a longer {@code Retry-After} is not waited out inside a read: the call fails at
 * once as transient and the resolver backs off. Without {@code Retry-After} the wait is 250 ms doubling, capped
 * at {@code maxRetryWait}.
 */
final class BoundedRetryStrategy implements RetryStrategy {
  private final int retries;
  private final Duration maxRetryWait;

  BoundedRetryStrategy(int retries, Duration maxRetryWait) {
    this.retries = retries;
    this.maxRetryWait = maxRetryWait;
  }

  @Override
  public int getMaxRetries() {
    return retries;
  }

  @Override
  public Duration calculateRetryDelay(int retryAttempts) {
    Duration d = KeyVaultSettings.FIRST_BACKOFF;
    for (int i = 0; i < retryAttempts && d.compareTo(maxRetryWait) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxRetryWait) > 0 ? maxRetryWait : d;
  }

  @Override
  public boolean shouldRetryCondition(RequestRetryCondition condition) {
    HttpResponse response = condition.getResponse();
    if (response != null) {
      if (!isRetriableStatus(response.getStatusCode())) {
        return false;
      }
      Optional<Duration> wait = retryAfter(response.getHeaders());
      return wait.isEmpty() || wait.get().compareTo(maxRetryWait) <= 0;
    }
    return isIoFailure(condition.getThrowable());
  }

  static boolean isRetriableStatus(int code) {
    return code == 408 || code == 429 || (code >= 500 && code != 501 && code != 505);
  }

  /**
   * An I/O failure (refused, reset, dropped, timed out) somewhere in the cause chain, but not a TLS trust failure
   * (an untrusted certificate stays untrusted). Token failures are {@link TimeBoundCredential.TokenUnavailable}, which
   * keeps its original off the cause chain: never retried.
   */
  static boolean isIoFailure(Throwable t) {
    if (Causes.find(t, TimeBoundCredential.TokenUnavailable.class) != null) {
      return false;
    }
    return Causes.isIoFailure(t);
  }

  /** The wait the store asked for, read from the headers the SDK reads. */
  static Optional<Duration> retryAfter(HttpHeaders headers) {
    if (headers == null) {
      return Optional.empty();
    }
    Optional<Duration> ms = millis(headers.getValue(HttpHeaderName.X_MS_RETRY_AFTER_MS));
    if (ms.isPresent()) {
      return ms;
    }
    ms = millis(headers.getValue(HttpHeaderName.RETRY_AFTER_MS));
    if (ms.isPresent()) {
      return ms;
    }
    String v = headers.getValue(HttpHeaderName.RETRY_AFTER);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      long s = Long.parseLong(v.trim());
      return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(OffsetDateTime.now(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private static Optional<Duration> millis(String v) {
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      long ms = Long.parseLong(v.trim());
      return ms >= 0 ? Optional.of(Duration.ofMillis(ms)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
