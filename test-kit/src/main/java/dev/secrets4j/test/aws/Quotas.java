package dev.secrets4j.test.aws;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request quotas per operation and second of the server's clock, as Secrets Manager enforces them per region and
 * account (and {@code GetSecretValue} with {@code DescribeSecret} combined): a call over its operation's quota is
 * answered {@code ThrottlingException} ("Rate exceeded", HTTP 400). Off by default; {@link #published()} sets the
 * published quotas, {@link #limit} any other. Counting follows the server's {@linkplain LocalSecretsManager#clock
 * clock}, so a test with a fixed clock exhausts a quota and moves the clock a second on to refill it, without
 * waiting. Thread-safe.
 */
public final class Quotas {
  /** {@code GetSecretValue}: 10,000 requests per second. */
  public static final int GET_SECRET_VALUE = 10_000;
  /** {@code DescribeSecret}: 40,000 requests per second (an older figure; the combined quota below binds first). */
  public static final int DESCRIBE_SECRET = 40_000;
  /** {@code GetSecretValue} and {@code DescribeSecret} together: 10,000 requests per second (the quota page). */
  public static final int GET_AND_DESCRIBE_COMBINED = 10_000;
  /** The key of the combined quota in {@link #limit}. */
  public static final String GET_AND_DESCRIBE = "GetSecretValue+DescribeSecret";
  /** {@code ListSecrets}: 100 requests per second. */
  public static final int LIST_SECRETS = 100;
  /** {@code BatchGetSecretValue}: 100 requests per second. */
  public static final int BATCH_GET_SECRET_VALUE = 100;

  private final Store store;
  private final Map<String, Integer> limits = new ConcurrentHashMap<>();
  private final Map<String, Integer> windowSeconds = new ConcurrentHashMap<>();
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger throttled = new java.util.concurrent.atomic.AtomicInteger();

  Quotas(Store store) {
    this.store = store;
  }

  /**
   * The published quotas of {@code GetSecretValue}, {@code DescribeSecret}, {@code ListSecrets} and the batch, and
   * the combined quota of {@code GetSecretValue} and {@code DescribeSecret} ({@value #GET_AND_DESCRIBE}).
   */
  public Quotas published() {
    limits.put("GetSecretValue", GET_SECRET_VALUE);
    limits.put("DescribeSecret", DESCRIBE_SECRET);
    limits.put("ListSecrets", LIST_SECRETS);
    limits.put("BatchGetSecretValue", BATCH_GET_SECRET_VALUE);
    limits.put(GET_AND_DESCRIBE, GET_AND_DESCRIBE_COMBINED);
    return this;
  }

  /**
   * At most {@code perSecond} calls of {@code operation} a second.
   *
   * @throws IllegalArgumentException if {@code perSecond} is negative
   */
  public Quotas limit(String operation, int perSecond) {
    if (perSecond < 0) {
      throw new IllegalArgumentException("perSecond must not be negative, was " + perSecond);
    }
    limits.put(Objects.requireNonNull(operation, "operation"), perSecond);
    windowSeconds.remove(operation);
    return this;
  }

  /**
   * At most {@code calls} calls of {@code operation} in each window of {@code seconds} seconds (a simulation that
   * stands a sample of pods for a fleet stretches a quota this way when a pod's own burst exceeds its share).
   *
   * @throws IllegalArgumentException if {@code calls} is negative or {@code seconds} not positive
   */
  public Quotas limit(String operation, int calls, int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("seconds must be positive, was " + seconds);
    }
    limit(operation, calls);
    windowSeconds.put(operation, seconds);
    return this;
  }

  /** How many calls were answered {@code ThrottlingException} by a quota so far. */
  public int throttled() {
    return throttled.get();
  }

  /** No quotas at all (the default). */
  public Quotas off() {
    limits.clear();
    windowSeconds.clear();
    windows.clear();
    return this;
  }

  /** Counts a call of {@code op}; throttles it when it is over its quota for the current second. */
  void admit(String op) throws AwsError {
    if (op.equals("GetSecretValue") || op.equals("DescribeSecret")) {
      count(GET_AND_DESCRIBE);
    }
    count(op);
  }

  private void count(String op) throws AwsError {
    Integer limit = limits.get(op);
    if (limit == null) {
      return;
    }
    long second = Math.floorDiv(store.now().getEpochSecond(), windowSeconds.getOrDefault(op, 1));
    long[] w = windows.computeIfAbsent(op, k -> new long[] {second, 0});
    synchronized (w) {
      if (w[0] != second) {
        w[0] = second;
        w[1] = 0;
      }
      if (++w[1] > limit) {
        throttled.incrementAndGet();
        throw new AwsError(400, "ThrottlingException", "Rate exceeded");
      }
    }
  }
}
