package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The dispatcher's queue and thread are made at the first event, not with the resolver. */
class AuditDispatcherTest {
  private final List<AuditEvent> recorded = new CopyOnWriteArrayList<>();
  private final AuditHook hook = recorded::add;

  private static AuditEvent event(String name) {
    return AuditEvent.builder().time(Instant.EPOCH).environment("development").secretName(name).sourceId("memory:x")
        .outcome(AuditEvent.Outcome.LOADED).build();
  }

  @Test
  void noThread_untilTheFirstEvent_thenEveryEventIsDelivered() {
    AuditDispatcher d = new AuditDispatcher(List.of(hook), false, 16);
    assertThat(d.started()).isFalse();

    d.emit(event("a"));
    d.emit(event("b"));

    assertThat(d.started()).isTrue();
    d.close(5_000); // delivers what is queued, then stops
    assertThat(recorded).extracting(AuditEvent::secretName).containsExactly("a", "b");
  }

  @Test
  void closedBeforeAnyEvent_neverStartsAThread() {
    AuditDispatcher d = new AuditDispatcher(List.of(hook), false, 16);
    d.close(5_000);

    d.emit(event("late"));

    assertThat(d.started()).isFalse();
    assertThat(recorded).isEmpty();
  }

  @Test
  void withoutHooks_orFailClosed_noThreadEver() {
    AuditDispatcher none = new AuditDispatcher(List.of(), false, 16);
    none.emit(event("a"));
    assertThat(none.started()).isFalse();

    AuditDispatcher closedMode = new AuditDispatcher(List.of(hook), true, 16);
    closedMode.emit(event("b"));
    assertThat(closedMode.started()).isFalse();
    assertThat(recorded).extracting(AuditEvent::secretName).containsExactly("b"); // on the caller's thread
  }
}
