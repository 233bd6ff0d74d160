package dev.secrets4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entries: a plain map the hit path reads, and a {@link SizeBound} that owns the size bound and the eviction
 * policy. The bound is made by the first maintenance tick, or by the insert that would fill it, whichever comes
 * first, so that the first secret does not wait for the eviction policy's set-up; until then entries are created
 * under this index's lock (misses only) and the bound takes them all in when it is made. Reads are reported to the
 * bound in bulk by maintenance, not on every hit; the map follows the bound's removals. A field entry
 * ({@code db#password}) hangs off its parent and leaves with it.
 */
final class EntryIndex {
  private final long maximumSize;
  private final ConcurrentHashMap<String, Entry> live = new ConcurrentHashMap<>();
  /** Null until made; written once, under this index's lock. */
  private volatile SizeBound bound;
  /** The entries made before the bound, in the order they were made (the policy's recency order); under the lock. */
  private List<Entry> madeEarly = new ArrayList<>();

  EntryIndex(long maximumSize) {
    this.maximumSize = maximumSize;
  }

  /** The map the hit path reads directly (one lookup, nothing else). */
  ConcurrentHashMap<String, Entry> live() {
    return live;
  }

  /** The live entry of {@code name}, or null. */
  Entry get(String name) {
    return live.get(name);
  }

  /** Every live entry (weakly consistent). */
  Collection<Entry> values() {
    return live.values();
  }

  /** The entry of a whole secret, created when absent. */
  Entry entry(String name) {
    return entry(name, null, 0);
  }

  /** The entry of field {@code name} (whose {@code #} is at {@code hash}) under {@code parent}, created when absent. */
  Entry fieldEntry(String name, int hash, Entry parent) {
    Entry fieldEntry = entry(name, parent, hash);
    if (fieldEntry.parent != parent) {
      // the field outlived an evicted parent: replace it
      SizeBound b = bound;
      if (b != null) {
        b.remove(name, fieldEntry);
      }
      live.remove(name, fieldEntry);
      fieldEntry = entry(name, parent, hash);
    }
    return fieldEntry;
  }

  /**
   * Maintenance, at the start of each tick: makes the size bound once the index holds half its maximum (an index
   * that never gets there never evicts, and never loads the policy), if no insert has made it yet. Reads are told to
   * the policy from then on, with half the maximum still to go before it must choose what to evict.
   */
  void maintain() {
    if (bound == null && live.size() >= maximumSize / 2) {
      makeBound();
    }
  }

  /** Tells the eviction policy that {@code e} was read (maintenance, once a tick). */
  void reportRead(Entry e) {
    SizeBound b = bound;
    if (b != null) {
      b.reportRead(e.name);
    }
  }

  /** Drops every entry. */
  void clear() {
    SizeBound b = bound;
    if (b != null) {
      b.clear();
    }
    live.clear();
  }

  /** Whether the size bound has been made (for tests of the start-up path). */
  boolean hasBound() {
    return bound != null;
  }

  private Entry entry(String name, Entry parent, int hash) {
    Entry e = live.get(name);
    if (e != null) {
      return e;
    }
    SizeBound b = bound;
    if (b == null) {
      synchronized (this) {
        b = bound;
        if (b == null && live.size() + 1 < maximumSize) {
          e = live.get(name);
          if (e == null) {
            e = newEntry(name, parent, hash);
            live.put(name, e);
            madeEarly.add(e);
          }
          return e;
        }
      }
      if (b == null) {
        b = makeBound();
      }
    }
    e = b.entry(name, parent, hash);
    Entry prior = live.putIfAbsent(name, e);
    return prior != null ? prior : e;
  }

  static Entry newEntry(String name, Entry parent, int hash) {
    return parent == null ? new Entry(name, null, null) : new Entry(name, parent, name.substring(hash + 1));
  }

  private synchronized SizeBound makeBound() {
    SizeBound b = bound;
    if (b == null) {
      b = new SizeBound(maximumSize, live);
      for (Entry e : madeEarly) {
        if (live.get(e.name) == e) {
          b.admit(e);
        }
      }
      madeEarly = List.of();
      bound = b;
    }
    return b;
  }
}
