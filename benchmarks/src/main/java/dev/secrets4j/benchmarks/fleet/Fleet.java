package dev.secrets4j.benchmarks.fleet;

import dev.secrets4j.SecretException;
import dev.secrets4j.Secrets;
import dev.secrets4j.test.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pods on simulated time: each a real resolver ({@code Secrets}) over its own source of the store, its maintenance
 * ticked once a simulated second and its refreshes run inline, so that every store call happens at a known second.
 * A pod becomes ready when its {@code preload} of all secrets succeeds (a readiness probe); until then it retries
 * with jittered exponential backoff, as a start-up loop would. A ready pod reads every secret once a simulated
 * minute; a read that throws is a failed read. Calls are counted per second and operation on the server.
 */
final class Fleet implements AutoCloseable {
  /** One pod. */
  static final class Pod {
    final int startSecond;
    Secrets secrets;
    final AtomicReference<Runnable> tick = new AtomicReference<>();
    boolean ready;
    long readySecond = -1;
    long nextTry;
    int attempts;
    int failedPreloads;

    Pod(int startSecond) {
      this.startSecond = startSecond;
      this.nextTry = startSecond;
    }
  }

  final FleetStore store;
  final List<String> names;
  final List<Pod> pods = new ArrayList<>();
  final FakeTicker ticker;
  private final Random random = new Random(42);
  /** Calls per second (index) and operation since the last {@link #mark()}. */
  final List<Map<String, Integer>> perSecond = new ArrayList<>();
  long second;
  private long markSecond;
  long failedReads;
  /** Calls answered with the store's throttling error since the last {@link #mark()}. */
  int throttled;

  Fleet(FleetStore store, List<String> names, FakeTicker ticker) {
    this.store = store;
    this.ticker = ticker;
    this.names = names;
  }

  /** Pods that start at uniform random seconds within {@code spread}. */
  void addPods(int count, Duration spread) {
    for (int i = 0; i < count; i++) {
      pods.add(new Pod((int) (second + random.nextInt((int) Math.max(1, spread.toSeconds())))));
    }
  }

  /** Starts counting calls per second from now. */
  void mark() {
    store.resetCalls();
    perSecond.clear();
    markSecond = second;
    failedReads = 0;
    throttled = 0;
  }

  /** One simulated second: pods start or retry their preload, maintenance ticks, ready pods read. */
  void step() {
    ticker.advance(Duration.ofSeconds(1));
    second++;
    for (Pod p : pods) {
      if (!p.ready && second >= p.nextTry) {
        tryPreload(p);
      }
      Runnable t = p.tick.get();
      if (t != null) {
        t.run();
      }
      if (p.ready && (second - p.startSecond) % 60 == 0) {
        readAll(p);
      }
    }
    // the servers' counts are read and reset every second: their request logs stay short
    perSecond.add(store.calls());
    throttled += store.throttled();
    store.resetCalls();
  }

  private void tryPreload(Pod p) {
    if (p.secrets == null) {
      p.secrets = Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
          .executor(Runnable::run).manualMaintenance(p.tick::set).source(store.podSource()).build();
    }
    try {
      p.secrets.preload(names);
      p.ready = true;
      p.readySecond = second;
    } catch (SecretException e) {
      p.failedPreloads++;
      p.attempts++;
      double backoff = Math.min(30, Math.pow(2, p.attempts - 1)) * (0.5 + random.nextDouble());
      p.nextTry = second + Math.max(1, Math.round(backoff));
    }
  }

  private void readAll(Pod p) {
    for (String n : names) {
      try {
        p.secrets.get(n);
      } catch (SecretException e) {
        failedReads++;
      }
    }
  }

  /** Runs {@code seconds} steps. */
  void run(long seconds) {
    for (long s = 0; s < seconds; s++) {
      step();
    }
  }

  boolean allReady() {
    return pods.stream().allMatch(p -> p.ready);
  }

  /** Calls per operation since {@link #mark()}. */
  Map<String, Integer> totals() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map<String, Integer> s : perSecond) {
      s.forEach((op, n) -> out.merge(op, n, Integer::sum));
    }
    return out;
  }

  /**
   * The highest use of {@code q} in any of its windows (aligned as the servers align them) since {@link #mark()},
   * from second {@code from} on (relative to the mark), as a fraction of its limit.
   */
  double peakShare(FleetStore.QuotaGroup q, int from, int to) {
    long best = 0;
    long window = 0;
    int w = q.windowSeconds();
    for (int i = from; i < Math.min(to, perSecond.size()); i++) {
      if (i == from || (markSecond + i + 1) % w == 0) {
        window = 0;
      }
      for (String op : q.operations()) {
        window += perSecond.get(i).getOrDefault(op, 0);
      }
      best = Math.max(best, window);
    }
    return (double) best / q.limit();
  }

  @Override
  public void close() {
    for (Pod p : pods) {
      if (p.secrets != null) {
        p.secrets.close();
      }
    }
  }
}
