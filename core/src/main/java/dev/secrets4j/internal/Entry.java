package dev.secrets4j.internal;

import dev.secrets4j.AccessContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/** A cache entry: one secret name (or one field of one, which delegates to its parent). */
final class Entry {
  final String name;
  final Entry parent;
  final String field;
  final ReentrantLock lock = new ReentrantLock();
  final AtomicBoolean refreshing = new AtomicBoolean();
  final Entry owner;
  final ConcurrentHashMap<AccessContext, HitCounter> hits = new ConcurrentHashMap<>(4);
  final ConcurrentHashMap<AccessContext, HitCounter> staleHits = new ConcurrentHashMap<>(2);
  /** A parent's field entries ({@code db#password}), so that its eviction drops them without a scan. */
  final ConcurrentHashMap<String, Entry> fields = new ConcurrentHashMap<>(1);
  /** Reads of the previous version through {@code versions()}, counted like hits. */
  final ConcurrentHashMap<AccessContext, HitCounter> previousHits = new ConcurrentHashMap<>(1);
  /** Read since the last maintenance tick (racy on purpose: a lost flag only delays a policy update). */
  boolean touched;
  /** The counter the last hit used: the next hit with the same context skips the map. */
  HitCounter lastCounter;
  volatile Loaded loaded;
  volatile boolean expired;
  volatile boolean failing;
  volatile Failure failure;
  /** The message of a guard's refusal of this secret's value, remembered like a not-found answer. */
  volatile String refusal;
  volatile long nextAttemptNanos;
  volatile long refreshDueNanos;
  volatile long lastSuccessNanos;
  volatile long lastExplicitRefreshNanos = Long.MIN_VALUE / 2;
  /** The last access context that passed the access guard on this entry (skips re-checking it). */
  volatile AccessContext accessChecked;

  Entry(String name, Entry parent, String field) {
    this.name = name;
    this.parent = parent;
    this.field = field;
    this.owner = parent == null ? this : parent;
    if (parent != null) {
      parent.fields.put(name, this);
    }
  }

  HitCounter counter(AccessContext access, boolean stale) {
    return HitCounter.in(stale ? staleHits : hits, access, stale);
  }

  HitCounter previousCounter(AccessContext access) {
    return HitCounter.in(previousHits, access, false);
  }
}
