package dev.secrets4j;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The entries: a plain map the hit path reads, and a Caffeine cache that owns the size bound and the eviction
 * policy. Reads are reported to the cache in bulk by maintenance, not on every hit; the map follows the cache's
 * removals. A field entry ({@code db#password}) hangs off its parent and leaves with it.
 */
final class EntryIndex {
  private final Cache<String, Entry> cache;
  private final ConcurrentHashMap<String, Entry> live = new ConcurrentHashMap<>();

  EntryIndex(long maximumSize) {
    this.cache = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .executor(Runnable::run)
        .<String, Entry>removalListener(this::onRemoval)
        .build();
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
    return entry(name, n -> new Entry(n, null, null));
  }

  /** The entry of field {@code name} (whose {@code #} is at {@code hash}) under {@code parent}, created when absent. */
  Entry fieldEntry(String name, int hash, Entry parent) {
    Function<String, Entry> create = n -> new Entry(n, parent, n.substring(hash + 1));
    Entry fieldEntry = entry(name, create);
    if (fieldEntry.parent != parent) {
      // the field outlived an evicted parent: replace it
      cache.asMap().remove(name, fieldEntry);
      live.remove(name, fieldEntry);
      fieldEntry = entry(name, create);
    }
    return fieldEntry;
  }

  /** Tells the eviction policy that {@code e} was read (maintenance, once a tick). */
  void reportRead(Entry e) {
    var unused = cache.getIfPresent(e.name); // the read itself is the report
  }

  /** Drops every entry. */
  void clear() {
    cache.invalidateAll();
    live.clear();
  }

  private Entry entry(String name, Function<String, Entry> create) {
    Entry e = live.get(name);
    if (e != null) {
      return e;
    }
    e = cache.get(name, create);
    Entry prior = live.putIfAbsent(name, e);
    return prior != null ? prior : e;
  }

  private void onRemoval(String key, Entry value, RemovalCause cause) {
    if (key == null || value == null) {
      return;
    }
    live.remove(key, value);
    if (value.parent != null) {
      value.parent.fields.remove(key, value);
    } else if (cause.wasEvicted()) {
      // fields hang off their parent entry: they leave the index with it, at a cost of their number, not of the
      // cache's size (the cache drops them in time)
      value.fields.forEach((k, f) -> live.remove(k, f));
    }
  }
}
