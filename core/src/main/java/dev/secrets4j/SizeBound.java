package dev.secrets4j;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.RemovalListener;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The size bound and eviction policy of an {@link EntryIndex}: a Caffeine cache over the same entries, whose
 * removals the index's map follows. Its work runs on the caller's thread (no pool of its own).
 */
final class SizeBound implements RemovalListener<String, Entry> {
  private final Cache<String, Entry> cache;
  private final Map<String, Entry> live;

  SizeBound(long maximumSize, Map<String, Entry> live) {
    this.live = live;
    this.cache = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .executor(CallerRuns.INSTANCE)
        .removalListener(this)
        .build();
  }

  /** The entry of {@code name} in the bound, created when absent (a field entry when {@code parent} is set). */
  Entry entry(String name, Entry parent, int hash) {
    return cache.get(name, new NewEntry(parent, hash));
  }

  /** Takes in an entry made before the bound was. */
  void admit(Entry e) {
    var unused = cache.asMap().putIfAbsent(e.name, e);
  }

  /** Removes {@code e} if it is still the entry of {@code name}. */
  void remove(String name, Entry e) {
    cache.asMap().remove(name, e);
  }

  /** Tells the policy that {@code name} was read. */
  void reportRead(String name) {
    var unused = cache.getIfPresent(name); // the read itself is the report
  }

  /** Drops every entry. */
  void clear() {
    cache.invalidateAll();
  }

  @Override
  public void onRemoval(String key, Entry value, RemovalCause cause) {
    if (key == null || value == null) {
      return;
    }
    live.remove(key, value);
    if (value.parent != null) {
      value.parent.fields.remove(key, value);
    } else if (cause.wasEvicted()) {
      // fields hang off their parent entry: they leave the index with it, at a cost of their number, not of the
      // cache's size (the cache drops them in time)
      for (Map.Entry<String, Entry> f : value.fields.entrySet()) {
        live.remove(f.getKey(), f.getValue());
      }
    }
  }

  /** Creates the entry of a name the bound does not hold. */
  private static final class NewEntry implements Function<String, Entry> {
    private final Entry parent;
    private final int hash;

    NewEntry(Entry parent, int hash) {
      this.parent = parent;
      this.hash = hash;
    }

    @Override
    public Entry apply(String name) {
      return EntryIndex.newEntry(name, parent, hash);
    }
  }

  /** Runs the cache's maintenance on the thread that triggered it. */
  private enum CallerRuns implements Executor {
    INSTANCE;

    @Override
    public void execute(Runnable command) {
      command.run();
    }
  }
}
