package dev.secrets4j;

import dev.secrets4j.spi.SecretVersion;

import dev.secrets4j.AuditEvent.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * The resolver's audit events: one event for every load, refresh, rotation and failure; hits counted per secret,
 * access context and kind without a shared lock, and flushed as one event each per interval (or one event per hit
 * when the application asked for it or is fail-closed).
 */
final class AuditTrail {
  private final AuditDispatcher dispatcher;
  private final boolean aggregateHits;
  private final Clock clock;
  private final String environment;
  private final String sourceId;
  private final long flushIntervalNanos;
  private volatile long nextFlushNanos;

  AuditTrail(ResolverSettings s, long nowNanos) {
    this.dispatcher = new AuditDispatcher(s.auditHooks, s.auditFailClosed, s.auditQueueSize);
    this.aggregateHits = dispatcher.enabled() && !s.auditFailClosed && !s.auditEveryHit;
    this.clock = s.clock;
    this.environment = s.detection.environment().name();
    this.sourceId = s.source.id();
    this.flushIntervalNanos = s.auditFlushInterval.toNanos();
    this.nextFlushNanos = nowNanos + flushIntervalNanos;
  }

  boolean enabled() {
    return dispatcher.enabled();
  }

  /** Hits are counted and flushed per interval (the default with hooks that run off the reader's thread). */
  boolean aggregatesHits() {
    return aggregateHits;
  }

  /** A hit of {@code e} (whose value {@code owner} holds in {@code l}) by {@code access}: counted, or one event. */
  void hit(Entry e, Entry owner, Loaded l, AccessContext access) {
    if (aggregateHits) {
      boolean stale = owner.failing;
      HitCounter c = e.lastCounter;
      if (c == null || !c.countsFor(access) || c.stale != stale || c.retired) {
        c = e.counter(access, stale);
        e.lastCounter(c);
      }
      c.count.increment();
    } else if (dispatcher.enabled()) {
      emitOrDeny(event(e.name, owner.failing ? Outcome.STALE : Outcome.HIT, access, l.current.versionId(), 0L, null)
          .fingerprint(l.fingerprint));
    }
  }

  /** A cached previous version was handed out: a hit of its own, aggregated like the others. */
  void previousServed(Entry e, Loaded l, AccessContext access) {
    if (aggregateHits) {
      e.previousCounter(access).count.increment();
    } else if (dispatcher.enabled()) {
      emitOrDeny(event(e.name, Outcome.HIT, access, l.previous.versionId(), 0L, "previous version"));
    }
  }

  AuditEvent.Builder event(String name, Outcome outcome, AccessContext access, String versionId, long nanos,
      String detail) {
    return AuditEvent.builder()
        .time(clock.instant())
        .environment(environment)
        .secretName(name)
        .sourceId(sourceId)
        .outcome(outcome)
        .access(access)
        .versionId(versionId)
        .latency(Duration.ofNanos(Math.max(0, nanos)))
        .detail(detail);
  }

  /**
   * For events whose delivery may deny the read (fail-closed).
   *
   * @throws SecretAccessDeniedException when a fail-closed hook throws
   */
  void emitOrDeny(AuditEvent.Builder b) {
    if (!dispatcher.enabled()) {
      return;
    }
    AuditEvent event = b.build();
    try {
      dispatcher.emit(event);
    } catch (AuditDispatcher.AuditFailure failure) {
      throw new SecretAccessDeniedException("read of secret '" + event.secretName()
          + "' denied: the audit hook failed and the resolver is fail-closed (" + failure.getMessage() + ")");
    }
  }

  /** For events that report something already decided (failures, refreshes): never throws. */
  void record(AuditEvent.Builder b) {
    if (!dispatcher.enabled()) {
      return;
    }
    try {
      dispatcher.emit(b.build());
    } catch (AuditDispatcher.AuditFailure failure) {
      LoggerFactory.getLogger(Resolver.class).warn("{}", failure.getMessage());
    }
  }

  /** Maintenance: flushes the hit counts when the interval is over, and reports dropped events. */
  void tick(long now, Iterable<Entry> entries) {
    if (now - nextFlushNanos >= 0) {
      nextFlushNanos = now + flushIntervalNanos;
      flushHits(entries);
    }
    dispatcher.reportDropped();
  }

  /** Emits every hit count as one event per secret, access context and kind, and resets them. */
  void flushHits(Iterable<Entry> entries) {
    if (!aggregateHits) {
      return;
    }
    for (Entry e : entries) {
      flushCounts(e, e.hits, Outcome.HIT, false);
      flushCounts(e, e.staleHits, Outcome.STALE, false);
      flushCounts(e, e.previousHits, Outcome.HIT, true);
    }
  }

  private void flushCounts(Entry e, ConcurrentHashMap<AccessContext, HitCounter> counts, Outcome outcome,
      boolean previous) {
    if (counts.isEmpty()) {
      return;
    }
    Loaded l = e.owner.loaded;
    for (Map.Entry<AccessContext, HitCounter> c : counts.entrySet()) {
      long n = c.getValue().count.sumThenReset();
      if (n == 0) {
        // idle for a whole interval: drop it, so per-user contexts do not pile up
        c.getValue().retired = true;
        counts.remove(c.getKey(), c.getValue());
        continue;
      }
      if (previous) {
        Secret p = l == null ? null : l.previous;
        record(event(e.name, outcome, c.getKey(), p == null ? null : p.versionId(), 0L, "previous version").count(n));
        continue;
      }
      record(event(e.name, outcome, c.getKey(), l == null ? null : l.current.versionId(), 0L,
          HitCounter.isOverflow(c.getKey()) ? HitCounter.OVERFLOW_DETAIL : null)
          .count(n).fingerprint(l == null ? null : l.fingerprint));
    }
  }

  /** Events dropped since the start because the queue was full. */
  long droppedTotal() {
    return dispatcher.droppedTotal();
  }

  /** Delivers what is queued (waits up to {@code timeoutMillis}) and stops. */
  void close(long timeoutMillis) {
    dispatcher.close(timeoutMillis);
  }

  /** {@code detail}, with the source's note of where {@code v} came from when it gave one. */
  static String withOrigin(String detail, SecretVersion v) {
    if (v.origin().isEmpty()) {
      return detail;
    }
    String from = "from " + v.origin().get();
    return detail == null ? from : detail + "; " + from;
  }
}
