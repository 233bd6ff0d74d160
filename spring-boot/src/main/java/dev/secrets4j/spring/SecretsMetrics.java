package dev.secrets4j.spring;

import dev.secrets4j.AuditEvent;
import dev.secrets4j.Secrets;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters of the resolver. Tags are {@code environment} and {@code outcome} only: never a value, a
 * fingerprint, a principal or a secret name.
 *
 * <ul>
 *   <li>{@code secrets4j.reads} (counter, tag {@code outcome}: {@code hit}, {@code loaded}, {@code refreshed},
 *       {@code rotated}, {@code stale}, {@code not_found}, {@code denied}, {@code failed}): reads as audited; hits
 *       count when the resolver flushes its aggregated hit counts ({@code audit.flush-interval}, 1 min);
 *   <li>{@code secrets4j.store.calls} (timer, tag {@code outcome}): the audited outcomes other than hits, with their
 *       latency;
 *   <li>{@code secrets4j.secrets.cached}, {@code secrets4j.secrets.stale}, {@code secrets4j.secrets.unavailable}
 *       (gauges), {@code secrets4j.values.oldest.age} (time gauge), {@code secrets4j.rotations} and
 *       {@code secrets4j.audit.dropped} (counters): from {@link Secrets#status()}, no store call.
 * </ul>
 */
final class SecretsMetrics implements MeterBinder {
  private static final Set<AuditEvent.Outcome> STORE_OUTCOMES = Set.of(AuditEvent.Outcome.LOADED,
      AuditEvent.Outcome.REFRESHED, AuditEvent.Outcome.ROTATED, AuditEvent.Outcome.STALE,
      AuditEvent.Outcome.NOT_FOUND, AuditEvent.Outcome.DENIED, AuditEvent.Outcome.FAILED);

  private final Secrets secrets;
  private final ReadCounter counter;

  SecretsMetrics(Secrets secrets, ReadCounter counter) {
    this.secrets = secrets;
    this.counter = counter;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Tags tags = Tags.of("environment", secrets.environment().name());
    for (AuditEvent.Outcome outcome : AuditEvent.Outcome.values()) {
      Tags t = tags.and("outcome", outcome.name().toLowerCase(Locale.ROOT));
      FunctionCounter.builder("secrets4j.reads", counter, c -> c.reads(outcome)).tags(t)
          .description("Secret reads by audited outcome").register(registry);
      if (STORE_OUTCOMES.contains(outcome)) {
        FunctionTimer.builder("secrets4j.store.calls", counter, c -> c.reads(outcome),
            c -> c.latencyNanos(outcome), TimeUnit.NANOSECONDS).tags(t)
            .description("Reads that went to the secret store, by outcome").register(registry);
      }
    }
    gauge(registry, tags, "secrets4j.secrets.cached", s -> s.cachedSecrets(), "Secrets holding a value in the cache");
    gauge(registry, tags, "secrets4j.secrets.stale", s -> s.staleSecrets().size(),
        "Secrets served from their last good value while the store fails");
    gauge(registry, tags, "secrets4j.secrets.unavailable", s -> s.unavailableSecrets().size(),
        "Secrets that can no longer be served");
    TimeGauge.builder("secrets4j.values.oldest.age", secrets,
        TimeUnit.MILLISECONDS, s -> s.status().oldestValueAge().map(d -> (double) d.toMillis()).orElse(0.0))
        .tags(tags).description("Age of the oldest cached value since the store last confirmed it")
        .register(registry);
    FunctionCounter.builder("secrets4j.rotations", secrets, s -> s.status().rotations()).tags(tags)
        .description("Rotations noticed").register(registry);
    FunctionCounter.builder("secrets4j.audit.dropped", secrets, s -> s.status().droppedAuditEvents()).tags(tags)
        .description("Audit events dropped because the audit queue was full").register(registry);
  }

  private void gauge(MeterRegistry registry, Tags tags, String name, ToDoubleFunction<Secrets.Status> value,
      String description) {
    Gauge.builder(name, secrets, s -> value.applyAsDouble(s.status())).tags(tags).description(description)
        .register(registry);
  }
}
