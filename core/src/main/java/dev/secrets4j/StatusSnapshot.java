package dev.secrets4j;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Computes a {@link Secrets.Status} from the resolver's entries: no store call, no value read. */
final class StatusSnapshot {
  private StatusSnapshot() {}

  static Secrets.Status of(Collection<Entry> entries, Set<String> required, long nowNanos, Instant time,
      String environment, String sourceId, long rotations, long droppedAuditEvents) {
    int cached = 0;
    long oldest = -1;
    List<String> stale = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    for (Entry e : entries) {
      if (e.field != null) {
        continue;
      }
      boolean hasValue = e.loaded != null;
      if (hasValue && e.expired) {
        unavailable.add(e.name);
      } else if (hasValue && e.failure != null) {
        stale.add(e.name);
      } else if (!hasValue && required.contains(e.name) && (e.failure != null || e.refusal != null)) {
        unavailable.add(e.name);
      }
      if (hasValue) {
        cached++;
        oldest = Math.max(oldest, nowNanos - e.lastSuccessNanos);
      }
    }
    Collections.sort(stale);
    Collections.sort(unavailable);
    return Secrets.Status.of(time, environment, sourceId, cached, stale, unavailable,
        oldest < 0 ? null : Duration.ofNanos(oldest), rotations, droppedAuditEvents);
  }
}
