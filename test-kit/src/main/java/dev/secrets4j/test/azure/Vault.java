package dev.secrets4j.test.azure;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The secrets of one local vault, by name without case: the live ones and the soft-deleted ones (kept for
 * {@link #RECOVERABLE_DAYS} days, recoverable, their names not reusable), and the write clock (epoch seconds,
 * strictly increasing unless frozen, when every write gets the same second as writes within one second do).
 */
final class Vault {
  /** The service's default soft-delete retention. */
  static final int RECOVERABLE_DAYS = 90;

  private final Map<String, StoredSecret> secrets = new ConcurrentHashMap<>();
  private final Map<String, StoredSecret> deleted = new ConcurrentHashMap<>();
  private final AtomicLong lastWriteSecond = new AtomicLong();
  private volatile Long frozenSecond;

  StoredSecret get(String name) {
    return secrets.get(key(name));
  }

  /** The live secret {@code name}, created if missing; null when the name belongs to a soft-deleted secret. */
  synchronized StoredSecret getOrCreate(String name) {
    if (deleted.containsKey(key(name))) {
      return null;
    }
    return secrets.computeIfAbsent(key(name), k -> new StoredSecret(name));
  }

  /** The live secrets, in no particular order. */
  java.util.List<StoredSecret> live() {
    return new java.util.ArrayList<>(secrets.values());
  }

  StoredSecret deleted(String name) {
    return deleted.get(key(name));
  }

  /** Moves {@code name} to the deleted secrets, stamped now; null when there is no live secret of that name. */
  synchronized StoredSecret softDelete(String name) {
    StoredSecret s = secrets.remove(key(name));
    if (s != null) {
      long now = Instant.now().getEpochSecond();
      s.deletedDate = now;
      s.scheduledPurgeDate = now + Duration.ofDays(RECOVERABLE_DAYS).toSeconds();
      deleted.put(key(name), s);
    }
    return s;
  }

  /** Moves {@code name} back from the deleted secrets; null when it is not deleted. */
  synchronized StoredSecret recover(String name) {
    StoredSecret s = deleted.remove(key(name));
    if (s != null) {
      s.deletedDate = 0;
      s.scheduledPurgeDate = 0;
      secrets.put(key(name), s);
    }
    return s;
  }

  /** Forgets the deleted secret {@code name} for good; null when it is not deleted. */
  synchronized StoredSecret purge(String name) {
    return deleted.remove(key(name));
  }

  /** A new version of {@code name} holding {@code value}, not yet added; {@code created} is the next write second. */
  StoredVersion newVersion(String value) {
    StoredVersion v = new StoredVersion(UUID.randomUUID().toString().replace("-", ""), value);
    v.created = nextWriteSecond();
    v.updated = v.created;
    return v;
  }

  long nextWriteSecond() {
    Long frozen = frozenSecond;
    if (frozen != null) {
      return frozen;
    }
    long now = Instant.now().getEpochSecond();
    return lastWriteSecond.updateAndGet(last -> Math.max(now, last + 1));
  }

  /** Stamps every write with {@code at}'s second from now on; null returns to the strictly increasing clock. */
  void freezeWriteTime(Instant at) {
    if (at == null) {
      Long was = frozenSecond;
      frozenSecond = null;
      if (was != null) {
        lastWriteSecond.accumulateAndGet(was, Math::max);
      }
    } else {
      frozenSecond = at.getEpochSecond();
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
