package dev.secrets4j;

import dev.secrets4j.internal.Slf4jAuditHook;

/**
 * Receives every {@link AuditEvent}. Applications implement it to ship events to their audit store.
 *
 * <p>By default hooks run off the reader's thread, fed through a bounded queue: a slow hook never slows a
 * read; when the queue is full, events are dropped, counted, and reported through {@link #dropped(long)}.
 * A hook that throws does not fail the read, unless the resolver was built fail-closed
 * ({@link SecretsBuilder#auditFailClosed()}), where hooks run on the reader's thread and a throwing hook
 * denies the read.
 */
@FunctionalInterface
public interface AuditHook {

  /** Records one event. */
  void record(AuditEvent event);

  /** Told that {@code count} events were dropped because the queue was full. Default: nothing. */
  default void dropped(long count) {}

  /** The built-in hook: one {@code key=value} line per event to the SLF4J logger {@code secrets4j.audit}, at INFO. */
  static AuditHook slf4j() {
    return Slf4jAuditHook.INSTANCE;
  }
}
