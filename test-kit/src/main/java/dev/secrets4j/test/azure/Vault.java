package dev.secrets4j.test.azure;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The secrets of one local vault, by name without case, and the write clock (epoch seconds, strictly increasing). */
final class Vault {
  private final Map<String, StoredSecret> secrets = new ConcurrentHashMap<>();
  private final AtomicLong lastWriteSecond = new AtomicLong();

  StoredSecret get(String name) {
    return secrets.get(name.toLowerCase(Locale.ROOT));
  }

  StoredSecret getOrCreate(String name) {
    return secrets.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new StoredSecret(name));
  }

  StoredSecret remove(String name) {
    return secrets.remove(name.toLowerCase(Locale.ROOT));
  }

  /** A new version of {@code name} holding {@code value}, not yet added; {@code created} is the next write second. */
  StoredVersion newVersion(String value) {
    StoredVersion v = new StoredVersion(UUID.randomUUID().toString().replace("-", ""), value);
    v.created = nextWriteSecond();
    v.updated = v.created;
    return v;
  }

  long nextWriteSecond() {
    long now = Instant.now().getEpochSecond();
    return lastWriteSecond.updateAndGet(last -> Math.max(now, last + 1));
  }
}
