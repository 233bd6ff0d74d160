package dev.secrets4j;

import dev.secrets4j.Secrets.Ticker;
import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refresh ahead, off the readers' threads. Each maintenance tick picks the entries that are due (and, when any is,
 * those past half their refresh interval and those whose retry after a failure is near, so that they ride along and
 * a pod's secrets become one batch), claims them and hands them to the refresh executor as one batch: the bulk
 * change check ({@link SecretSource#currentVersionIds}) first, then one {@link SecretSource#fetchAll} of what it did
 * not vouch unchanged; the batch then shares one due time. One secret alone takes the cheap version check where the
 * source has one, unless the store refused it definitively (then only the value proves it back). A new version id is
 * a rotation, announced once; a failure keeps the last good value and backs off; a definitive refusal starts the
 * revocation grace that {@link Maintenance} ends.
 */
final class Refresher {
  private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);

  private final Environment environment;
  private final SecretSource source;
  private final String sourceId;
  private final Ticker ticker;
  private final Guards guards;
  private final Executor executor;
  private final AuditTrail audit;
  private final Installer installer;
  private final Backoff backoff;
  private final RotationListeners listeners;
  /** Half the refresh interval: a secret that far through it rides along with a batch, so batches merge. */
  private final long rideAlongNanos;

  Refresher(ResolverSettings s, Executor executor, AuditTrail audit, Installer installer, Backoff backoff,
      RotationListeners listeners) {
    this.environment = s.detection.environment();
    this.source = s.source;
    this.sourceId = s.source.id();
    this.ticker = s.ticker;
    this.guards = s.guards;
    this.executor = executor;
    this.audit = audit;
    this.installer = installer;
    this.backoff = backoff;
    this.listeners = listeners;
    this.rideAlongNanos = s.refreshAfter.toNanos() / 2;
  }

  /** Maintenance: claims the entries due at {@code now} and hands them to the executor as one batch. */
  void refreshDue(Iterable<Entry> entries, long now) {
    List<Entry> due = new ArrayList<>();
    List<Entry> soon = new ArrayList<>();
    long jitterWindow = backoff.coalesceWindowNanos();
    long window = Math.max(jitterWindow, rideAlongNanos);
    for (Entry e : entries) {
      if (e.field != null || e.loaded == null || e.revoked || e.isRefreshing() || now < e.nextAttemptNanos) {
        // a revoked secret is asked for again only by a reader
        continue;
      }
      if (now >= e.refreshDueNanos || e.failure != null) {
        // a failed secret is retried when its backoff ends, even one that rode along before its refresh was due
        due.add(e);
      } else if (e.refreshDueNanos - now <= window) {
        soon.add(e);
      }
    }
    if (!due.isEmpty()) {
      // secrets backing off after a failure ride along too once their retry is near (within the jitter window):
      // one batch call answers them, so after an outage a pod's secrets come back as one batch, not one per retry
      for (Entry e : entries) {
        if (e.failure != null && e.field == null && e.loaded != null && !e.revoked && !e.isRefreshing()
            && now < e.nextAttemptNanos && e.nextAttemptNanos - now <= jitterWindow) {
          soon.add(e);
        }
      }
    }
    if (due.isEmpty()) {
      return;
    }
    // coalesce: secrets due within the jitter window ride along in the same batch
    due.addAll(soon);
    List<Entry> claimed = new ArrayList<>(due.size());
    for (Entry e : due) {
      if (e.claimRefresh()) {
        claimed.add(e);
      }
    }
    if (!claimed.isEmpty()) {
      try {
        executor.execute(() -> refreshBatch(claimed));
      } catch (RuntimeException rejected) {
        claimed.forEach(Entry::endRefresh);
      }
    }
  }

  /**
   * An explicit refresh of a loaded entry, on the caller's thread, with its own store call even while a background
   * refresh of it is in flight, so that it returns the store's current version, not the one being replaced.
   */
  void refreshNow(Entry e) {
    // runs even when a background refresh holds the claim (it may still sit in the executor's queue): the caller
    // asked for the store's answer now. Installs compare versions under the entry's lock, so whichever lands second
    // finds the version installed and announces nothing.
    boolean claimed = e.claimRefresh();
    try {
      refreshOne(e);
    } finally {
      if (claimed) {
        e.endRefresh();
      }
    }
  }

  private void refreshBatch(List<Entry> entries) {
    try {
      if (entries.size() == 1) {
        refreshOne(entries.get(0));
        return;
      }
      long start = ticker.read();
      List<Entry> changed = bulkCheck(entries, start);
      if (changed == null) {
        return;
      }
      fetchChanged(changed, start);
      // one due time for the whole batch: the pod's secrets stay one batch (one bulk check) next cycle too, while
      // the draw's jitter still spreads pods of a fleet apart
      long due = ticker.read() + backoff.refreshNanos();
      for (Entry e : entries) {
        if (e.failure == null && e.loaded != null && !e.revoked) {
          e.confirmed(e.lastSuccessNanos, due); // succeeded just now: only the due time changes
        }
      }
    } finally {
      entries.forEach(Entry::endRefresh);
    }
  }

  /**
   * The bulk change check ({@link SecretSource#currentVersionIds}): entries the store vouches unchanged are
   * confirmed; the rest are returned for a fetch. A secret the store refused definitively is never vouched for by a
   * listing: only its value proves it back. Null when the check failed transiently (every entry backs off).
   */
  private List<Entry> bulkCheck(List<Entry> entries, long start) {
    List<String> checkable = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      Failure f = e.failure;
      if (e.loaded != null && (f == null || !f.revocationPending())) {
        checkable.add(e.name);
      }
    }
    if (checkable.isEmpty()) {
      return entries;
    }
    Map<String, String> ids;
    try {
      ids = source.currentVersionIds(checkable);
    } catch (SecretSourceException ex) {
      if (Failure.isDefinitive(ex)) {
        LOG.debug("bulk change check of {} refused ({}); fetching every secret", sourceId, ex.kind());
        return entries;
      }
      long now = ticker.read();
      entries.forEach(e -> refreshFailed(e, ex, now, now - start));
      return null;
    } catch (RuntimeException ex) {
      LOG.debug("bulk change check of {} failed ({}); fetching every secret", sourceId, ex.getClass().getName());
      return entries;
    }
    if (ids.isEmpty()) {
      return entries;
    }
    List<Entry> changed = new ArrayList<>(entries.size());
    long now = ticker.read();
    for (Entry e : entries) {
      Loaded l = e.loaded;
      Failure f = e.failure;
      String id = ids.get(e.name);
      if (id != null && l != null && (f == null || !f.revocationPending()) && id.equals(l.current.versionId())) {
        unchanged(e, l, now, now - start, null);
      } else {
        changed.add(e);
      }
    }
    return changed;
  }

  /** Fetches the current values of {@code entries} in one {@link SecretSource#fetchAll}; the missing one by one. */
  private void fetchChanged(List<Entry> entries, long start) {
    if (entries.isEmpty()) {
      return;
    }
    if (entries.size() == 1) {
      refreshOne(entries.get(0));
      return;
    }
    Map<String, SecretVersion> got;
    try {
      List<String> names = new ArrayList<>(entries.size());
      entries.forEach(e -> names.add(e.name));
      got = source.fetchAll(names);
    } catch (SecretSourceException ex) {
      if (Failure.isDefinitive(ex)) {
        // a refusal of the whole batch says nothing certain of each secret: ask for each one
        entries.forEach(this::refreshOne);
        return;
      }
      long now = ticker.read();
      for (Entry e : entries) {
        refreshFailed(e, ex, now, now - start);
      }
      return;
    } catch (RuntimeException ex) {
      long now = ticker.read();
      for (Entry e : entries) {
        refreshFailed(e, Loader.unexpected(e.name, ex), now, now - start);
      }
      return;
    }
    long now = ticker.read();
    for (Entry e : entries) {
      SecretVersion v = got.get(e.name);
      if (v != null) {
        refreshed(e, v, now, now - start);
      } else {
        refreshOne(e);
      }
    }
  }

  /** One secret's refresh: the cheap version check where the source has one, the payload only on change. */
  private void refreshOne(Entry e) {
    long start = ticker.read();
    try {
      Loaded l = e.loaded;
      Failure f = e.failure;
      // after a definitive answer only the value itself can prove the store serves it again: no cheap check
      Optional<String> id = f != null && f.revocationPending() ? Optional.empty() : source.currentVersionId(e.name);
      if (id.isPresent() && l != null && id.get().equals(l.current.versionId())) {
        long now = ticker.read();
        unchanged(e, l, now, now - start, null);
        return;
      }
      SecretVersion v = source.fetch(e.name, VersionSelector.CURRENT);
      long now = ticker.read();
      refreshed(e, v, now, now - start);
    } catch (SecretSourceException ex) {
      refreshFailed(e, ex, ticker.read(), ticker.read() - start);
    } catch (RuntimeException ex) {
      refreshFailed(e, Loader.unexpected(e.name, ex), ticker.read(), ticker.read() - start);
    }
  }

  private void unchanged(Entry e, Loaded l, long now, long nanos, String detail) {
    e.confirmed(now, now + backoff.refreshNanos());
    audit.record(audit.event(e.name, Outcome.REFRESHED, AccessContext.none(), l.current.versionId(), nanos, detail)
        .fingerprint(l.fingerprint));
  }

  private void refreshed(Entry e, SecretVersion v, long now, long nanos) {
    Loaded seen = e.loaded;
    if (seen != null && seen.current.versionId().equals(v.versionId())) {
      unchanged(e, seen, now, nanos, AuditTrail.withOrigin(null, v));
      return;
    }
    try {
      guards.checkValue(environment, e.name, sourceId, v);
    } catch (EnvironmentViolationException violation) {
      // keep serving the value that passed; say loudly that the store now holds one that does not
      LOG.error("refresh of secret '{}' refused: {}", e.name, violation.getMessage());
      audit.record(audit.event(e.name, Outcome.DENIED, AccessContext.none(), v.versionId(), nanos,
          violation.getMessage()));
      e.refreshDeferred(now + backoff.refreshNanos());
      return;
    }
    Loaded fresh;
    Loaded prior;
    e.lock.lock();
    try {
      // read under the lock: a load that installed this version meanwhile has announced it already
      prior = e.loaded;
      if (prior != null && prior.current.versionId().equals(v.versionId())) {
        e.confirmed(now, now + backoff.refreshNanos());
        return;
      }
      fresh = installer.install(e, v, now, prior);
    } finally {
      e.lock.unlock();
    }
    if (prior == null) {
      audit.record(audit.event(e.name, Outcome.LOADED, AccessContext.none(), v.versionId(), nanos,
          AuditTrail.withOrigin(null, v))
          .fingerprint(fresh.fingerprint));
      return;
    }
    audit.record(audit.event(e.name, Outcome.ROTATED, AccessContext.none(), v.versionId(), nanos,
        AuditTrail.withOrigin("previous version " + prior.current.versionId(), v)).fingerprint(fresh.fingerprint));
    listeners.fire(e.name, prior.current.versionId(), v.versionId());
  }

  private void refreshFailed(Entry e, SecretSourceException ex, long now, long nanos) {
    backoff.recordFailure(e, ex, now, e.loaded == null);
    if (Failure.isDefinitive(ex)) {
      LOG.warn("refresh of secret '{}' from {} was refused ({}); the value is served for at most revokedGrace "
          + "more unless the store serves it again: {}", e.name, sourceId, ex.kind(), ex.getMessage());
    } else {
      LOG.warn("refresh of secret '{}' from {} failed ({}); serving the last good value: {}", e.name, sourceId,
          ex.kind(), ex.getMessage());
    }
    Loaded l = e.loaded;
    audit.record(audit.event(e.name, Outcome.STALE, AccessContext.none(), l == null ? null : l.current.versionId(),
        nanos, ex.kind() + ": " + ex.getMessage()));
  }
}
