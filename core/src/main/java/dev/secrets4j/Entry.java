package dev.secrets4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cache entry: one secret name (or one field of one, which delegates to its parent). Its state is read by anyone
 * and written only by the methods below (an architecture test keeps it so), each a whole transition: loaded,
 * confirmed unchanged, failed, refused, expired.
 */
final class Entry {
  final String name;
  final Entry parent;
  final String field;
  final ReentrantLock lock = new ReentrantLock();
  /** The background refresh of this entry in flight, if one is: claimed by one thread at a time. */
  private final AtomicBoolean refreshInFlight = new AtomicBoolean();
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
  /** The store refused the value definitively and its grace passed: it is not served (implies expired). */
  volatile boolean revoked;
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

  /** Claims this entry's refresh: true when no refresh of it was in flight, and this caller now runs one. */
  boolean claimRefresh() {
    return refreshInFlight.compareAndSet(false, true);
  }

  /** Whether a refresh of this entry is in flight. */
  boolean isRefreshing() {
    return refreshInFlight.get();
  }

  /** Ends the claimed refresh. */
  void endRefresh() {
    refreshInFlight.set(false);
  }

  /** Marks a read for the size bound's bookkeeping; a plain write only when the flag changes. */
  void touch() {
    if (!touched) {
      touched = true;
    }
  }

  /** Takes the read mark (maintenance): true when the entry was read since the last call. */
  boolean takeTouched() {
    if (!touched) {
      return false;
    }
    touched = false;
    return true;
  }

  /** A new value is served from now on: every failure, refusal and staleness is forgotten. */
  void installed(Loaded fresh, long now, long refreshDue) {
    loaded = fresh;
    lastSuccessNanos = now;
    refreshDueNanos = refreshDue;
    failure = null;
    refusal = null;
    failing = false;
    expired = false;
    revoked = false;
  }

  /** The store confirmed the value held: fresh again. */
  void confirmed(long now, long refreshDue) {
    lastSuccessNanos = now;
    refreshDueNanos = refreshDue;
    failure = null;
    failing = false;
    expired = false;
    revoked = false;
  }

  /** The same value with another previous version known (versions()); caller holds the lock. */
  void replaced(Loaded l) {
    loaded = l;
  }

  /** A store call failed; the next attempt waits until {@code nextAttempt}. */
  void failed(Failure f, long nextAttempt, boolean servingStale) {
    failure = f;
    nextAttemptNanos = nextAttempt;
    failing = servingStale;
  }

  /** A guard refused the value; the refusal is repeated without a store call until {@code until}. */
  void refused(String message, long until) {
    refusal = message;
    nextAttemptNanos = until;
  }

  /** A refreshed value was refused: keep the one that passed and look again at {@code due}. */
  void refreshDeferred(long due) {
    refreshDueNanos = due;
  }

  /** The last good value passed maxStale while the store still fails: reads now fail. */
  void expire() {
    expired = true;
  }

  /** The store refused the value definitively and the grace passed: reads now fail. */
  void revoke() {
    revoked = true;
    expired = true;
  }

  /** An explicit refresh skips the remembered pause once. */
  void retryNow() {
    nextAttemptNanos = 0;
  }

  /** Claims an explicit refresh at {@code now} unless one ran within {@code limitNanos}. */
  boolean claimExplicitRefresh(long now, long limitNanos) {
    if (now - lastExplicitRefreshNanos < limitNanos) {
      return false;
    }
    lastExplicitRefreshNanos = now;
    return true;
  }

  /**
   * Whether this very context object passed the access guard last (identity on purpose: an application reuses its
   * contexts, and a different object with equal fields is simply checked again).
   */
  @SuppressWarnings("ReferenceEquality")
  boolean accessChecked(AccessContext access) {
    return accessChecked == access;
  }

  /** Remembers that {@code access} passed the access guard here. */
  void accessPassed(AccessContext access) {
    accessChecked = access;
  }

  /** Remembers the counter the last hit used. */
  void lastCounter(HitCounter c) {
    lastCounter = c;
  }

  HitCounter counter(AccessContext access, boolean stale) {
    return HitCounter.in(stale ? staleHits : hits, access, stale);
  }

  HitCounter previousCounter(AccessContext access) {
    return HitCounter.in(previousHits, access, false);
  }
}
