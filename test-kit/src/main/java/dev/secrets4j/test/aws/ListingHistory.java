package dev.secrets4j.test.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a lagging {@code ListSecrets} shows of one secret: the states the listings saw, each with the time of the
 * change that made it (its last change or its deletion), so that a listing at {@code T} with a lag {@code L} shows the
 * state as of {@code T - L}. AWS documents that {@code ListSecrets} "might not reflect changes from the last five
 * minutes". Modelled changes: new versions, stage moves and deletion; a secret created within the lag is not listed
 * yet. Guarded by the store's lock.
 */
final class ListingHistory {
  private record Seen(Instant changed, StoredSecret state) {}

  private final List<Seen> seen = new ArrayList<>();

  /** The state of {@code live} a listing made at {@code asOf + lag} shows: as of {@code asOf}, or null (not yet). */
  StoredSecret asOf(StoredSecret live, Instant asOf) {
    Instant changed = live.deletedDate != null && live.deletedDate.isAfter(live.lastChanged)
        ? live.deletedDate : live.lastChanged;
    if (seen.isEmpty() || !seen.get(seen.size() - 1).changed().equals(changed)) {
      seen.add(new Seen(changed, live.replicaIn(live.region)));
    }
    StoredSecret shown = null;
    int newestSettled = -1;
    for (int i = 0; i < seen.size(); i++) {
      if (!seen.get(i).changed().isAfter(asOf)) {
        shown = seen.get(i).state();
        newestSettled = i;
      }
    }
    if (newestSettled > 0) {
      seen.subList(0, newestSettled).clear(); // states older than the one shown will not be shown again
    }
    return shown;
  }
}
