package dev.secrets4j.test.azure;

import java.time.Clock;
import java.util.Objects;

/**
 * Key Vault's service limit for secrets: at most {@value #SECRETS_PER_10_SECONDS} transactions in 10 seconds per
 * vault and region (https://learn.microsoft.com/azure/key-vault/general/service-limits). A request over it is
 * answered {@code 429 Too Many Requests} with {@code Retry-After} (the seconds until the window ends) and the error
 * code {@code Throttled}, as the service throttles. Off by default; {@link #published()} sets the published limit,
 * {@link #limit} any other. Windows follow {@link #clock(Clock)} (the system clock by default), so a simulation on
 * simulated time refills the quota without waiting. Thread-safe.
 */
public final class Quotas {
  /** Secrets transactions: 4,000 per 10 seconds per vault. */
  public static final int SECRETS_PER_10_SECONDS = 4_000;
  private static final long WINDOW_MILLIS = 10_000;

  private volatile Integer limit;
  private volatile Clock clock = Clock.systemUTC();
  private long window = Long.MIN_VALUE;
  private long used;
  private int throttled;

  Quotas() {}

  /** The published limit: 4,000 secrets transactions per 10 seconds. */
  public Quotas published() {
    return limit(SECRETS_PER_10_SECONDS);
  }

  /**
   * At most {@code per10Seconds} transactions in each 10-second window.
   *
   * @throws IllegalArgumentException if {@code per10Seconds} is negative
   */
  public Quotas limit(int per10Seconds) {
    if (per10Seconds < 0) {
      throw new IllegalArgumentException("per10Seconds must not be negative, was " + per10Seconds);
    }
    this.limit = per10Seconds;
    return this;
  }

  /** The clock the windows are counted on. */
  public Quotas clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** No limit (the default). */
  public Quotas off() {
    this.limit = null;
    return this;
  }

  /** How many requests were answered 429 by this limit so far. */
  public synchronized int throttled() {
    return throttled;
  }

  /** Counts one transaction; -1 when admitted, else the {@code Retry-After} seconds to answer with. */
  synchronized long admit() {
    Integer l = limit;
    if (l == null) {
      return -1;
    }
    long millis = clock.millis();
    long w = Math.floorDiv(millis, WINDOW_MILLIS);
    if (w != window) {
      window = w;
      used = 0;
    }
    if (++used <= l) {
      return -1;
    }
    throttled++;
    return Math.max(1, ((w + 1) * WINDOW_MILLIS - millis + 999) / 1000);
  }
}
