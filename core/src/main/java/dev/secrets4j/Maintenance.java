package dev.secrets4j;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time-driven work, one tick at a time: reads reported to the size bound, revocations whose grace passed, the
 * staleness limit, due refreshes
 * (handed to the {@link Refresher}), the audit hit flush and the dropped-events report. A daemon thread ticks once a
 * second, unless the builder handed the tick to the caller ({@link SecretsBuilder#manualMaintenance}). Ticks never
 * overlap: one that finds another running returns at once.
 */
final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);

  private final ResolverSettings s;
  private final EntryIndex index;
  private final Refresher refresher;
  private final AuditTrail audit;
  private final long maxStaleNanos;
  private final long revokedGraceNanos;
  private final RotationListeners listeners;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Thread thread;
  private volatile boolean stopped;

  Maintenance(ResolverSettings s, EntryIndex index, Refresher refresher, AuditTrail audit,
      RotationListeners listeners) {
    this.s = s;
    this.index = index;
    this.refresher = refresher;
    this.audit = audit;
    this.maxStaleNanos = s.maxStale.toNanos();
    this.revokedGraceNanos = s.revokedGrace.toNanos();
    this.listeners = listeners;
  }

  /** Starts the background thread, unless ticks are the caller's. */
  void start() {
    if (s.manualMaintenance) {
      return;
    }
    // a plain thread, not a scheduled pool: nothing more is needed, and it is cheaper to start
    Thread t = new DaemonThreads("secrets4j-maintenance").newThread(new Ticking());
    thread = t;
    t.start();
  }

  /** Runs the time-driven work once; a no-op once stopped or while another tick runs. */
  void tick() {
    if (stopped || !lock.tryLock()) {
      return;
    }
    try {
      index.maintain();
      long now = s.ticker.read();
      for (Entry e : index.values()) {
        if (e.takeTouched()) {
          // report reads to the eviction policy in bulk, once per tick, instead of on every hit
          index.reportRead(e);
        }
        Failure f = e.failure;
        if (e.field == null && e.loaded != null && !e.expired && f != null) {
          if (f.revocationPending() && now - f.definitiveSince >= revokedGraceNanos) {
            revoke(e, f);
          } else if (now - e.lastSuccessNanos > maxStaleNanos) {
            e.expire();
            LOG.warn("secret '{}' from {} is older than maxStale ({}) and the source still fails; reads now fail",
                e.name, s.source.id(), s.maxStale);
          }
        }
      }
      refresher.refreshDue(index.values(), now);
      audit.tick(now, index.values());
    } finally {
      lock.unlock();
    }
  }

  /** The store's definitive answer outlived the grace: the value stops being served, audited, listeners told. */
  private void revoke(Entry e, Failure f) {
    String versionId = e.loaded.current.versionId();
    e.revoke();
    String why = f.cause.kind() + ": " + f.cause.getMessage();
    LOG.warn("secret '{}' from {} was refused by the store for longer than revokedGrace ({}); it is no longer "
        + "served: {}", e.name, s.source.id(), s.revokedGrace, why);
    audit.record(audit.event(e.name, AuditEvent.Outcome.REVOKED, AccessContext.none(), versionId, 0L,
        why));
    listeners.revoked(e.name, versionId);
  }

  /** Stops ticking; later ticks do nothing. */
  void stop() {
    stopped = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException | Error t) {
      LOG.error("secrets4j maintenance failed; it runs again in {}", s.maintenanceInterval, t);
    }
  }

  /** The background thread's loop: a tick each {@code maintenanceInterval} after the last one ended, until stopped. */
  private final class Ticking implements Runnable {
    @Override
    public void run() {
      long period = s.maintenanceInterval.toNanos();
      while (!stopped) {
        long deadline = System.nanoTime() + period;
        for (long left = period; left > 0 && !stopped; left = deadline - System.nanoTime()) {
          LockSupport.parkNanos(this, left);
        }
        if (!stopped) {
          // tickSafely catches everything, so the loop never ends with an exception to look at
          tickSafely();
        }
      }
    }
  }
}
