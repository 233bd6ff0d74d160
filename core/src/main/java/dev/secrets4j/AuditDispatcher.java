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
 * (fail-closed). Rare events only; cache hits are aggregated by the resolver before they get here. The queue and
 * its thread are made at the first event, so a resolver without hooks, or one that never reads, has neither.
 */
final class AuditDispatcher {
  private final List<AuditHook> hooks;
  private final boolean failClosed;
  private final int queueSize;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong droppedTotal = new AtomicLong();
  private final AtomicLong hookFailures = new AtomicLong();
  /** Set together with {@link #worker}, once, under this object's lock. */
  private volatile BlockingQueue<AuditEvent> queue;
  private Thread worker;
  private boolean closed;

  AuditDispatcher(List<AuditHook> hooks, boolean failClosed, int queueSize) {
    this.hooks = List.copyOf(hooks);
    this.failClosed = failClosed;
    this.queueSize = queueSize;
  }

  /** The queue, made with its worker at the first event; null once closed without one. */
  private BlockingQueue<AuditEvent> queue() {
    BlockingQueue<AuditEvent> q = queue;
    if (q != null) {
      return q;
    }
    synchronized (this) {
      if (queue == null && !closed) {
        BlockingQueue<AuditEvent> made = new ArrayBlockingQueue<>(queueSize);
        worker = new Thread(new Drain(made), "secrets4j-audit");
        worker.setDaemon(true);
        worker.start();
        queue = made;
      }
      return queue;
    }
  }

  /** The worker's loop, a class rather than a lambda (it is made on the path to the first secret). */
  private final class Drain implements Runnable {
    private final BlockingQueue<AuditEvent> from;

    Drain(BlockingQueue<AuditEvent> from) {
      this.from = from;
    }

    @Override
    public void run() {
      drain(from);
    }
  }

  boolean enabled() {
    return !hooks.isEmpty();
  }

  /** Whether the queue and its thread were made (for tests). */
  boolean started() {
    return queue != null;
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
    BlockingQueue<AuditEvent> q = queue();
    if (q == null) {
      return; // closed: nothing is delivered any more
    }
    if (!q.offer(event)) {
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
    log().warn("secrets4j audit queue was full: {} events dropped", n);
    for (AuditHook hook : hooks) {
      try {
        hook.dropped(n);
      } catch (RuntimeException e) {
        log().warn("audit hook {} failed in dropped(): {}", hook.getClass().getName(), e.getClass().getName());
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

  private void drain(BlockingQueue<AuditEvent> from) {
    try {
      while (true) {
        AuditEvent e = from.take();
        if (e == Stop.EVENT) {
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
          log().warn("audit hook {} threw {} for secret '{}'; the read was not affected (fail-open)",
              hook.getClass().getName(), ex.getClass().getName(), e.secretName());
        }
      }
    }
  }

  /** Delivers what is queued, then stops the worker (waits up to {@code timeoutMillis}). */
  void close(long timeoutMillis) {
    reportDropped();
    BlockingQueue<AuditEvent> q;
    Thread w;
    synchronized (this) {
      closed = true;
      q = queue;
      w = worker;
    }
    if (w == null) {
      return;
    }
    try {
      if (!q.offer(Stop.EVENT, timeoutMillis, TimeUnit.MILLISECONDS)) {
        w.interrupt();
      }
      w.join(timeoutMillis);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  /** The worker's stop signal, made when a worker is first stopped. */
  private static final class Stop {
    static final AuditEvent EVENT = AuditEvent.builder().time(java.time.Instant.EPOCH).environment("-")
        .secretName("-").sourceId("-").outcome(AuditEvent.Outcome.HIT).build();
  }

  private static Logger log() {
    return LoggerFactory.getLogger(AuditDispatcher.class);
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
