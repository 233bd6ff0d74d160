package dev.secrets4j.test.gcp;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secret Manager's request quotas per project and minute (https://cloud.google.com/secret-manager/quotas): access
 * requests ({@code AccessSecretVersion}) and read requests (every other call that changes nothing: metadata of
 * secrets and versions, listings). A call over its quota is answered {@code RESOURCE_EXHAUSTED} with a
 * {@code google.rpc.RetryInfo} until the next minute, as the service answers. Off by default; {@link #published()}
 * sets the published quotas, {@link #limit} any other. Counting follows {@link #clock(Clock)} (the system clock by
 * default), so a simulation on simulated time refills the quota without waiting. Thread-safe.
 */
public final class Quotas {
  /** Access requests: 90,000 per minute per project. */
  public static final int ACCESS_PER_MINUTE = 90_000;
  /** Read requests: 600 per minute per project. */
  public static final int READ_PER_MINUTE = 600;
  /** The quota group of {@code AccessSecretVersion}. */
  public static final String ACCESS = "access";
  /** The quota group of the calls that read metadata or list. */
  public static final String READ = "read";

  private static final Set<String> WRITES = Set.of("CreateSecret", "AddSecretVersion", "UpdateSecret",
      "DeleteSecret", "EnableSecretVersion", "DisableSecretVersion", "DestroySecretVersion", "SetIamPolicy");

  private final Map<String, Integer> limits = new ConcurrentHashMap<>();
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();
  private final Map<String, Integer> throttled = new ConcurrentHashMap<>();
  private volatile Clock clock = Clock.systemUTC();

  Quotas() {}

  /** The published quotas: 90,000 access and 600 read requests a minute. */
  public Quotas published() {
    limits.put(ACCESS, ACCESS_PER_MINUTE);
    limits.put(READ, READ_PER_MINUTE);
    return this;
  }

  /**
   * At most {@code perMinute} calls of the group {@code group} ({@value #ACCESS} or {@value #READ}) a minute.
   *
   * @throws IllegalArgumentException if {@code perMinute} is negative or the group unknown
   */
  public Quotas limit(String group, int perMinute) {
    if (!ACCESS.equals(group) && !READ.equals(group)) {
      throw new IllegalArgumentException("group must be '" + ACCESS + "' or '" + READ + "', was " + group);
    }
    if (perMinute < 0) {
      throw new IllegalArgumentException("perMinute must not be negative, was " + perMinute);
    }
    limits.put(group, perMinute);
    return this;
  }

  /** The clock the minutes are counted on. */
  public Quotas clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** No quotas (the default). */
  public Quotas off() {
    limits.clear();
    windows.clear();
    return this;
  }

  /** How many calls of {@code group} were answered {@code RESOURCE_EXHAUSTED} so far. */
  public int throttled(String group) {
    return throttled.getOrDefault(group, 0);
  }

  /** The quota group of a method, or null for a write (not limited here). */
  static String groupOf(String method) {
    if (method.equals("AccessSecretVersion")) {
      return ACCESS;
    }
    return WRITES.contains(method) ? null : READ;
  }

  /** Counts a call of {@code method}; null when it is admitted, else the throttling answer to close it with. */
  StatusRuntimeException admit(String method) {
    String group = groupOf(method);
    Integer limit = group == null ? null : limits.get(group);
    if (limit == null) {
      return null;
    }
    long millis = clock.millis();
    long minute = Math.floorDiv(millis, 60_000L);
    long[] w = windows.computeIfAbsent(group, k -> new long[] {minute, 0});
    synchronized (w) {
      if (w[0] != minute) {
        w[0] = minute;
        w[1] = 0;
      }
      if (++w[1] <= limit) {
        return null;
      }
    }
    throttled.merge(group, 1, Integer::sum);
    String metric = group.equals(ACCESS) ? "Access requests" : "Read requests";
    Duration untilNextMinute = Duration.ofMillis((minute + 1) * 60_000L - millis);
    return StatusDetails.withRetryInfo(Status.Code.RESOURCE_EXHAUSTED, "Quota exceeded for quota metric '" + metric
        + "' and limit '" + metric + " per minute per project' of service 'secretmanager.googleapis.com' for "
        + "consumer 'project_number:123456789012'.", untilNextMinute);
  }
}
