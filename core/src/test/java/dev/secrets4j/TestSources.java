package dev.secrets4j;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.InMemorySecretSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Test doubles for sources and hooks: fakes, not mocks. */
final class TestSources {
  private TestSources() {}

  /** Wraps an in-memory store; can hold fetches at a gate, and counts every store call. */
  static final class GatedSource implements SecretSource {
    final InMemorySecretSource store = InMemorySecretSource.create();
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();
    volatile CountDownLatch entered = new CountDownLatch(0);
    volatile CountDownLatch release = new CountDownLatch(0);

    /** The next fetches count down {@code entered} and then wait for {@link #open()}. */
    void close(int expectedEntries) {
      entered = new CountDownLatch(expectedEntries);
      release = new CountDownLatch(1);
    }

    void open() {
      release.countDown();
    }

    boolean awaitEntered() throws InterruptedException {
      return entered.await(10, TimeUnit.SECONDS);
    }

    private void gate() throws SecretSourceException {
      entered.countDown();
      try {
        if (!release.await(10, TimeUnit.SECONDS)) {
          throw new SecretSourceException(SecretSourceException.Kind.TRANSIENT, "gate never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SecretSourceException(SecretSourceException.Kind.TRANSIENT, "interrupted");
      }
    }

    @Override
    public String id() {
      return "memory:gated";
    }

    @Override
    public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
      fetches.incrementAndGet();
      gate();
      return store.fetch(name, selector);
    }

    @Override
    public Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
      batches.incrementAndGet();
      gate();
      return store.fetchAll(names);
    }

    @Override
    public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
      return store.metadata(name);
    }
  }

  /** Collects audit events. */
  static final class RecordingHook implements AuditHook {
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger dropped = new AtomicInteger();

    @Override
    public void record(AuditEvent event) {
      synchronized (this) {
        events.add(event);
        notifyAll();
      }
    }

    /** Waits (up to 10 s) until an event with {@code outcome} for {@code name} has arrived, and returns it. */
    AuditEvent await(String name, AuditEvent.Outcome outcome) throws InterruptedException {
      return await(e -> e.secretName().equals(name) && e.outcome() == outcome, outcome + " event for " + name);
    }

    /** Waits (up to 10 s) until an event matching {@code p} has arrived, and returns it. */
    synchronized AuditEvent await(java.util.function.Predicate<AuditEvent> p, String what) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        for (AuditEvent e : events) {
          if (p.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no " + what + "; got " + events);
        }
        wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
    }

    @Override
    public void dropped(long count) {
      dropped.addAndGet((int) count);
    }

    List<AuditEvent.Outcome> outcomes() {
      return events.stream().map(AuditEvent::outcome).collect(java.util.stream.Collectors.toList());
    }
  }
}
