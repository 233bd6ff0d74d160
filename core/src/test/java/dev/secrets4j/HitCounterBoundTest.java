package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.TestSources.RecordingHook;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Aggregated hit counting keeps bounded state, however many distinct access contexts callers send. */
class HitCounterBoundTest {
  private final Ticks ticks = new Ticks();
  private final FakeTicker ticker = new FakeTicker();
  private final InMemorySecretSource store = InMemorySecretSource.create();
  private final RecordingHook hook = new RecordingHook();

  @Test
  void manyDistinctPrincipalsInOneInterval_foldIntoOneOverflowCount_andNoHitIsLost() throws Exception {
    store.put("api-key", "v");
    int principals = 50_000;
    try (Secrets secrets = Secrets.builder().environment("development").source(store)
        .ticker(ticker).clock(ticker.clock()).executor(Runnable::run).manualMaintenance(ticks).auditHook(hook)
        .auditQueueSize(1_000).auditFlushInterval(Duration.ofSeconds(10)).build()) {
      secrets.get("api-key");
      for (int i = 0; i < principals; i++) {
        secrets.get("api-key", AccessContext.of("user-" + i, "read"));
      }
      ticker.advance(Duration.ofSeconds(11));
      ticks.run();
      AuditEvent overflow = hook.await(e -> e.outcome() == Outcome.HIT && e.principal().equals(java.util.Optional.of("(other)")),
          "the overflow HIT event");
      assertThat(overflow.detail().orElseThrow()).contains("beyond the first 64");
    }
    long hitEvents = hook.events.stream().filter(e -> e.outcome() == Outcome.HIT).count();
    long hits = hook.events.stream().filter(e -> e.outcome() == Outcome.HIT).mapToLong(AuditEvent::count).sum();
    assertThat(hitEvents).as("one event per counter: the counters were bounded").isLessThanOrEqualTo(65);
    assertThat(hits).as("every hit is counted somewhere").isEqualTo(principals);
  }
}
