package dev.secrets4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Hits of one entry by one access context; striped, so readers do not contend on one word. */
final class HitCounter {
  final AccessContext access;
  final boolean stale;
  final LongAdder count = new LongAdder();
  /** Set when the counter leaves its map; a reader holding it looks it up again. */
  volatile boolean retired;

  /**
   * The most access contexts one entry counts apart in one flush interval (per kind of hit). Hits of further
   * contexts are folded into one {@link #OVERFLOW} counter, so memory stays bounded (at most this many counters
   * per cached secret) whatever principals and purposes callers send.
   */
  static final int MAX_CONTEXTS = 64;

  /** The context that stands for every context beyond {@link #MAX_CONTEXTS} in an interval. */
  static final AccessContext OVERFLOW = AccessContext.of("(other)", "(other)");

  /** The detail of an overflow event. */
  static final String OVERFLOW_DETAIL = "hits of access contexts beyond the first " + MAX_CONTEXTS
      + " of this interval, folded into one count";

  /**
   * Whether this counter is the one of this very context object: the hit path's check, by identity on purpose (an
   * application reuses its contexts; an equal one from elsewhere just takes the map once).
   */
  @SuppressWarnings("ReferenceEquality")
  boolean countsFor(AccessContext a) {
    return access == a;
  }

  /** Whether {@code key} is the overflow counter's own (identity: a caller's context may carry the same words). */
  @SuppressWarnings("ReferenceEquality")
  static boolean isOverflow(AccessContext key) {
    return key == OVERFLOW;
  }

  /** The counter of {@code access} in {@code counts}, or the overflow counter once the map is full. */
  static HitCounter in(ConcurrentHashMap<AccessContext, HitCounter> counts, AccessContext access, boolean stale) {
    HitCounter c = counts.get(access);
    if (c != null) {
      return c;
    }
    AccessContext key = counts.size() < MAX_CONTEXTS ? access : OVERFLOW;
    return counts.computeIfAbsent(key, a -> new HitCounter(a, stale));
  }

  HitCounter(AccessContext access, boolean stale) {
    this.access = access;
    this.stale = stale;
  }
}
