package dev.secrets4j.internal;

import dev.secrets4j.AccessContext;
import java.util.concurrent.atomic.LongAdder;

/** Hits of one entry by one access context; striped, so readers do not contend on one word. */
final class HitCounter {
  final AccessContext access;
  final boolean stale;
  final LongAdder count = new LongAdder();
  /** Set when the counter leaves its map; a reader holding it looks it up again. */
  volatile boolean retired;

  HitCounter(AccessContext access, boolean stale) {
    this.access = access;
    this.stale = stale;
  }
}
