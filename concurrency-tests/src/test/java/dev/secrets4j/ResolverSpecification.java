package dev.secrets4j;

import static dev.secrets4j.ResolverOperations.field;
import static dev.secrets4j.ResolverOperations.value;

/**
 * What a linearizable resolver may return: the sequential behaviour of {@link ResolverOperations}, written out as a
 * small state machine over the store and one cache entry. Lincheck accepts a concurrent run only when some order of
 * its operations, each taking effect at one instant between its call and its return, gives every result this class
 * gives. Time moves only with {@link #tick()} (one {@link ManualResolver#STEP}), and every delay of the resolver
 * (refresh interval, backoff, not-found pause) is shorter than a step, so the state below is all that decides.
 *
 * <p>What it allows, in words:
 * <ul>
 *   <li>a read returns the cached version (a hit), or loads the store's current one; the cached version is one the
 *       store held as current when it was loaded or refreshed: after a rotation, the previous version until the next
 *       refresh (tick or {@code refresh()}), then the new one, never an older one again;</li>
 *   <li>a value and its version id always come from the same version, and a field from its parent's version;</li>
 *   <li>while the store fails, the last good value is served until it is older than maxStale (then reads fail), and
 *       a failed load is remembered until time moves (no second store call);</li>
 *   <li>{@code refresh()} returns the store's current version at its instant when the store answers;</li>
 *   <li>{@code versions()} lists the served version and, where known, the one before it;</li>
 *   <li>after {@code close()}, every read is refused: never a value.</li>
 * </ul>
 */
public class ResolverSpecification {
  private static final long STEP_NANOS = ManualResolver.STEP.toNanos();
  private static final long MAX_STALE_NANOS = ManualResolver.MAX_STALE.toNanos();

  // the store
  private int store = 1;
  private boolean failing;
  // the resolver
  private boolean closed;
  private int now;
  /** The cached version, 0 when nothing is loaded. */
  private int cached;
  /** The previous version kept with it (0: none), and whether it is known. */
  private int previous;
  private boolean previousKnown;
  private boolean failure;
  /** The tick of the last failure: within the same tick a failed load is repeated without a store call. */
  private int failedAt = -1;
  private int lastSuccess;
  private boolean expired;

  public String get() {
    int v = read();
    return v > 0 ? Outcomes.of(v, value(v)) : refusal(v);
  }

  public String getField() {
    int v = read();
    return v > 0 ? Outcomes.of(v, field(v)) : refusal(v);
  }

  public String refresh() {
    if (closed) {
      return Outcomes.CLOSED;
    }
    if (cached == 0) {
      failedAt = -1; // an explicit refresh skips the remembered failure
    } else {
      refreshOnce();
    }
    return get();
  }

  public String versions() {
    int v = read();
    if (v <= 0) {
      return refusal(v);
    }
    if (!previousKnown) {
      if (failing) {
        // the previous version cannot be read now: the current one alone, the previous asked for next time
        return "[" + Outcomes.of(v, value(v)) + "]";
      }
      // the store's version before its current one, unless that is the one served
      previous = store >= 2 && store - 1 != v ? store - 1 : 0;
      previousKnown = true;
    }
    return previous > 0 && previous != v
        ? "[" + Outcomes.of(v, value(v)) + "," + Outcomes.of(previous, value(previous)) + "]"
        : "[" + Outcomes.of(v, value(v)) + "]";
  }

  public void rotate() {
    store++;
  }

  public void fail() {
    failing = true;
  }

  public void heal() {
    failing = false;
  }

  public void tick() {
    now++;
    if (closed) {
      return;
    }
    if (cached > 0 && !expired && failure && (long) (now - lastSuccess) * STEP_NANOS > MAX_STALE_NANOS) {
      expired = true;
    }
    if (cached > 0) {
      refreshOnce(); // always due: a step is longer than the refresh interval and any backoff
    }
  }

  public void close() {
    closed = true;
  }

  // ---------------------------------------------------------------- transitions

  private static final int CLOSED = -1;
  private static final int UNAVAILABLE = -2;

  /** A read: the cached version on a hit, else a load; a refusal as a negative code. */
  private int read() {
    if (closed) {
      return CLOSED;
    }
    if (cached > 0 && !expired) {
      return cached;
    }
    if (failure && failedAt == now) {
      return UNAVAILABLE; // remembered: the backoff has not passed
    }
    if (failing) {
      failed();
      return UNAVAILABLE;
    }
    install(store);
    return cached;
  }

  /** One refresh of a loaded entry: the cheap version check, then the payload if it changed. */
  private void refreshOnce() {
    if (failing) {
      failed();
    } else if (store == cached) {
      succeeded();
    } else {
      install(store);
    }
  }

  private void install(int v) {
    if (cached == 0) {
      previous = 0;
      previousKnown = false;
    } else if (cached != v) {
      previous = cached;
      previousKnown = true;
    }
    cached = v;
    succeeded();
  }

  private void succeeded() {
    lastSuccess = now;
    failure = false;
    expired = false;
  }

  private void failed() {
    failure = true;
    failedAt = now;
  }

  private static String refusal(int code) {
    return code == CLOSED ? Outcomes.CLOSED : Outcomes.UNAVAILABLE;
  }
}
