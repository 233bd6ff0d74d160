package dev.secrets4j.spring;

import dev.secrets4j.AuditEvent;
import dev.secrets4j.AuditHook;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * An audit hook that counts reads by outcome ({@link AuditEvent#count()} for aggregated hits) and the latency of
 * the outcomes that went to the store. Installed on the resolver when it is built, before a meter registry exists;
 * the metrics read it. Keeps no name, principal, fingerprint or value.
 */
final class ReadCounter implements AuditHook {
  private final Map<AuditEvent.Outcome, LongAdder> reads = new EnumMap<>(AuditEvent.Outcome.class);
  private final Map<AuditEvent.Outcome, LongAdder> latencyNanos = new EnumMap<>(AuditEvent.Outcome.class);

  ReadCounter() {
    for (AuditEvent.Outcome o : AuditEvent.Outcome.values()) {
      reads.put(o, new LongAdder());
      latencyNanos.put(o, new LongAdder());
    }
  }

  @Override
  public void record(AuditEvent event) {
    reads.get(event.outcome()).add(event.count());
    if (event.outcome() != AuditEvent.Outcome.HIT) {
      latencyNanos.get(event.outcome()).add(event.latency().toNanos());
    }
  }

  /** Reads with this outcome so far (hits as the resolver has flushed them). */
  long reads(AuditEvent.Outcome outcome) {
    return reads.get(outcome).sum();
  }

  /** The summed latency of the reads with this outcome, in nanoseconds (zero for hits). */
  long latencyNanos(AuditEvent.Outcome outcome) {
    return latencyNanos.get(outcome).sum();
  }
}
