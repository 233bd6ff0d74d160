package dev.secrets4j;

import java.util.concurrent.ConcurrentHashMap;

/** What is known of one loaded secret; replaced whole, never mutated (but for the field cache). */
final class Loaded {
  final Secret current;
  final Secret previous;
  final boolean previousKnown;
  final String fingerprint;
  private final ConcurrentHashMap<String, Secret> fields = new ConcurrentHashMap<>(2);

  Loaded(Secret current, Secret previous, boolean previousKnown, String fingerprint) {
    this.current = current;
    this.previous = previous;
    this.previousKnown = previousKnown;
    this.fingerprint = fingerprint;
  }

  /** The field of the current version that {@code fieldEntry} names, parsed once per version. */
  Secret fieldValue(Entry fieldEntry, OwnedSecrets owned) {
    Secret f = fields.get(fieldEntry.field);
    if (f == null) {
      Secret own = current.field(fieldEntry.field);
      Secret shared = owned.share(fieldEntry.name, current.versionId(), current.created().orElse(null),
          own.asBytes());
      own.destroy();
      Secret prior = fields.putIfAbsent(fieldEntry.field, shared);
      f = prior == null ? shared : prior;
    }
    return f;
  }
}
