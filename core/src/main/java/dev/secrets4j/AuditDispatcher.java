package dev.secrets4j;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers audit events to hooks: off the caller's thread through a bounded queue (default), or on it
 * (fail-closed). Rare events only; cache hits are aggregated by the resolver before they get here.
 */
final class AuditDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(AuditDispatcher.class);
  private static final AuditEvent STOP = AuditEvent.builder().time(java.time.Instant.EPOCH).environment("-")
      .secretName("-").sourceId("-").outcome(AuditEvent.Outcome.HIT).build();

  private final List<AuditHook> hooks;
  private final boolean failClosed;
  private final BlockingQueue<AuditEvent> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong droppedTotal = new AtomicLong();
  private final AtomicLong hookFailures = new AtomicLong();
  private final Thread worker;

  AuditDispatcher(List<AuditHook> hooks, boolean failClosed, int queueSize) {
    this.hooks = List.copyOf(hooks);
    this.failClosed = failClosed;
    if (!failClosed && !this.hooks.isEmpty()) {
      this.queue = new ArrayBlockingQueue<>(queueSize);
      this.worker = new Thread(this::drain, "secrets4j-audit");
      this.worker.setDaemon(true);
      this.worker.start();
    } else {
      this.queue = null;
      this.worker = null;
    }
  }

  boolean enabled() {
    return !hooks.isEmpty();
  }

  boolean failClosed() {
    return failClosed;
  }

  /**
   * Hands {@code event} to the hooks.
   *
   * @throws AuditFailure in fail-closed mode when a hook throws
   */
  void emit(AuditEvent event) {
    if (hooks.isEmpty()) {
      return;
    }
    if (failClosed) {
      for (AuditHook hook : hooks) {
        try {
          hook.record(event);
        } catch (RuntimeException e) {
          hookFailures.incrementAndGet();
          throw new AuditFailure(hook, e);
        }
      }
      return;
    }
    if (!queue.offer(event)) {
      dropped.incrementAndGet();
      droppedTotal.incrementAndGet();
    }
  }

  /** Reports dropped events to the hooks and the log; called by maintenance. */
  void reportDropped() {
    long n = dropped.getAndSet(0);
    if (n == 0) {
      return;
    }
    LOG.warn("secrets4j audit queue was full: {} events dropped", n);
    for (AuditHook hook : hooks) {
      try {
        hook.dropped(n);
      } catch (RuntimeException e) {
        LOG.warn("audit hook {} failed in dropped(): {}", hook.getClass().getName(), e.getClass().getName());
      }
    }
  }

  /** Every event dropped since the start, reported or not. */
  long droppedTotal() {
    return droppedTotal.get();
  }

  long droppedSoFar() {
    return dropped.get();
  }

  private void drain() {
    try {
      while (true) {
        AuditEvent e = queue.take();
        if (e == STOP) {
          return;
        }
        deliver(e);
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(AuditEvent e) {
    for (AuditHook hook : hooks) {
      try {
        hook.record(e);
      } catch (RuntimeException ex) {
        // never the event's content beyond its name: a hook's exception message is its own business
        if (hookFailures.getAndIncrement() % 1000 == 0) {
          LOG.warn("audit hook {} threw {} for secret '{}'; the read was not affected (fail-open)",
              hook.getClass().getName(), ex.getClass().getName(), e.secretName());
        }
      }
    }
  }

  /** Delivers what is queued, then stops the worker (waits up to {@code timeoutMillis}). */
  void close(long timeoutMillis) {
    reportDropped();
    if (worker == null) {
      return;
    }
    try {
      if (!queue.offer(STOP, timeoutMillis, TimeUnit.MILLISECONDS)) {
        worker.interrupt();
      }
      worker.join(timeoutMillis);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  /** A hook failed in fail-closed mode. */
  static final class AuditFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient AuditHook hook;

    AuditFailure(AuditHook hook, RuntimeException cause) {
      super("audit hook " + hook.getClass().getName() + " failed: " + cause.getClass().getName(), null, false, false);
      this.hook = hook;
    }
  }
}
