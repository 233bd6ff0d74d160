package dev.secrets4j.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.secrets4j.GuardOptions;
import dev.secrets4j.Secrets;
import dev.secrets4j.SecretsBuilder;
import dev.secrets4j.test.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Scenarios 4 to 6: what the store sees, counted on the local server. Nothing here is timed by sleeping: store
 * latency is the server's, simulated time is an injected ticker.
 */
final class CountingScenarios {
  private CountingScenarios() {}

  /** The resolver's defaults. */
  static final UnaryOperator<SecretsBuilder> DEFAULTS = b -> b;
  /**
   * The defaults but the environment-tag guard, which reads each secret's tags (one DescribeSecret) when the
   * secret is first loaded.
   */
  static final UnaryOperator<SecretsBuilder> NO_TAG_GUARD = b -> b.guards().environmentTag(GuardOptions.Mode.OFF).and();

  // ------------------------------------------------------------------ 4: concurrent cold reads

  /**
   * One round: {@code threads} readers, released at once, read one secret no one has read yet.
   *
   * @param storeCalls every request the server saw in the round
   * @param getSecretValueCalls of which GetSecretValue
   * @param waitingAtOnce how many readers had entered the read before the first one got its value
   */
  record ColdReadRound(int storeCalls, int getSecretValueCalls, int describeCalls, int waitingAtOnce, int threads) {}

  record ColdReads(List<ColdReadRound> secrets4j, List<ColdReadRound> aws) {
    int maxSecrets4jCalls() {
      return secrets4j.stream().mapToInt(ColdReadRound::storeCalls).max().orElse(-1);
    }

    int maxAwsCalls() {
      return aws.stream().mapToInt(ColdReadRound::storeCalls).max().orElse(-1);
    }

    int minWaiting() {
      return java.util.stream.Stream.concat(secrets4j.stream(), aws.stream())
          .mapToInt(ColdReadRound::waitingAtOnce).min().orElse(0);
    }
  }

  static ColdReads coldReads(int threads, Duration storeLatency, int rounds, boolean withAws,
      UnaryOperator<SecretsBuilder> configure) throws InterruptedException {
    List<ColdReadRound> s4j = new ArrayList<>();
    List<ColdReadRound> peer = new ArrayList<>();
    try (LocalAws aws = new LocalAws(0)) {
      aws.server.latency(storeLatency);
      for (int r = 0; r < rounds; r++) {
        Secrets secrets = aws.secrets4j(configure);
        aws.server.resetCalls();
        s4j.add(concurrentRound(threads, aws, () -> secrets.get(LocalAws.HOT)));
        secrets.close();
        if (!withAws) {
          continue;
        }
        SecretCache cache = aws.awsCache(Duration.ofHours(1));
        aws.server.resetCalls();
        peer.add(concurrentRound(threads, aws, () -> cache.getSecretString(LocalAws.awsId(LocalAws.HOT))));
        cache.close();
      }
    }
    return new ColdReads(s4j, peer);
  }

  private static ColdReadRound concurrentRound(int threads, LocalAws aws, Runnable read) throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    long[] entered = new long[threads];
    AtomicLong firstReturn = new AtomicLong(Long.MAX_VALUE);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> all = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int me = i;
      Thread t = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
          entered[me] = System.nanoTime();
          read.run();
          long done = System.nanoTime();
          firstReturn.accumulateAndGet(done, Math::min);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "cold-reader-" + i);
      t.setDaemon(true);
      all.add(t);
      t.start();
    }
    ready.await();
    go.countDown();
    for (Thread t : all) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a cold reader failed", failure.get());
    }
    long first = firstReturn.get();
    int waiting = (int) Arrays.stream(entered).filter(t -> t != 0 && t < first).count();
    return new ColdReadRound(aws.server.totalCalls(), aws.server.calls("GetSecretValue"),
        aws.server.calls("DescribeSecret"), waiting, threads);
  }

  // ------------------------------------------------------------------ 5: cold start

  /** Milliseconds per round, and the store calls of the last round. */
  record ColdStart(int secrets, List<Double> secrets4jMillis, int secrets4jCalls, int secrets4jBatchCalls,
      int secrets4jDescribeCalls, List<Double> awsMillis, int awsCalls) {}

  static ColdStart coldStart(int count, Duration storeLatency, int secrets4jRounds, int awsRounds,
      UnaryOperator<SecretsBuilder> configure) {
    return coldStart(count, storeLatency, secrets4jRounds, awsRounds, configure, 1);
  }

  /**
   * As above; with {@code concurrentCalls > 1} the names are split into that many parts, each preloaded by its
   * own thread at once (an experiment: what loading the batches concurrently would give).
   */
  static ColdStart coldStart(int count, Duration storeLatency, int secrets4jRounds, int awsRounds,
      UnaryOperator<SecretsBuilder> configure, int concurrentCalls) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrentCalls), r -> {
      Thread t = new Thread(r, "preload-part");
      t.setDaemon(true);
      return t;
    });
    List<Double> s4j = new ArrayList<>();
    List<Double> peer = new ArrayList<>();
    int s4jCalls = 0;
    int s4jBatch = 0;
    int s4jDescribe = 0;
    int awsCalls = 0;
    try (LocalAws aws = new LocalAws(count)) {
      aws.server.latency(storeLatency);
      for (int r = 0; r < secrets4jRounds; r++) {
        Secrets secrets = aws.secrets4j(configure);
        aws.server.resetCalls();
        List<Callable<Void>> parts = new ArrayList<>();
        int per = (aws.names.size() + concurrentCalls - 1) / concurrentCalls;
        for (int from = 0; from < aws.names.size(); from += per) {
          List<String> part = aws.names.subList(from, Math.min(aws.names.size(), from + per));
          parts.add(() -> {
            secrets.preload(part);
            return null;
          });
        }
        long t0 = System.nanoTime();
        if (parts.size() == 1) {
          secrets.preload(aws.names);
        } else {
          for (Future<Void> f : pool.invokeAll(parts)) {
            f.get();
          }
        }
        long t1 = System.nanoTime();
        s4jCalls = aws.server.totalCalls();
        s4jBatch = aws.server.calls("BatchGetSecretValue");
        s4jDescribe = aws.server.calls("DescribeSecret");
        aws.names.forEach(secrets::get); // all hits: no further store call
        if (aws.server.totalCalls() != s4jCalls) {
          throw new IllegalStateException("preload left " + (aws.server.totalCalls() - s4jCalls) + " secrets unloaded");
        }
        s4j.add((t1 - t0) / 1e6);
        secrets.close();
      }
      for (int r = 0; r < awsRounds; r++) {
        SecretCache cache = aws.awsCache(Duration.ofHours(1));
        aws.server.resetCalls();
        long t0 = System.nanoTime();
        for (String n : aws.names) {
          cache.getSecretString(LocalAws.awsId(n));
        }
        long t1 = System.nanoTime();
        awsCalls = aws.server.totalCalls();
        peer.add((t1 - t0) / 1e6);
        cache.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a preload failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new ColdStart(count, s4j, s4jCalls, s4jBatch, s4jDescribe, peer, awsCalls);
  }

  // ------------------------------------------------------------------ 6: store calls in an hour

  /**
   * Store calls in one simulated hour of refresh-ahead with nothing rotated.
   *
   * @param naive every secret fetched alone on every refresh: secrets x (hour / refreshAfter)
   */
  record Hour(int secrets, Duration refreshAfter, Duration hour, int total, int getSecretValue, int batchGet,
      int describe, int naive, long refreshTasks, int awsScaledTotal, int awsScaledDescribe,
      int awsScaledGetSecretValue, long awsScaleDivisor) {}

  /**
   * secrets4j with an injected ticker moved one second at a time, maintenance run after each step and every
   * refresh it started awaited before the next step; all secrets read once a simulated minute. AWS's caching
   * client cannot take a clock: it runs the same hour time-scaled (item TTL and duration divided by
   * {@code awsScaleDivisor}), reading every secret in a loop; 0 skips it.
   */
  static Hour hour(int count, Duration refreshAfter, Duration hour, long awsScaleDivisor) throws Exception {
    int total;
    int gets;
    int batches;
    int describes;
    long tasks;
    int awsTotal = 0;
    int awsDescribe = 0;
    int awsGets = 0;
    try (LocalAws aws = new LocalAws(count); QuiescentExecutor refreshes = new QuiescentExecutor()) {
      FakeTicker ticker = new FakeTicker();
      java.util.concurrent.atomic.AtomicReference<Runnable> tick = new java.util.concurrent.atomic.AtomicReference<>();
      Secrets secrets = aws.secrets4j(b -> b.ticker(ticker).clock(ticker.clock())
          .executor(refreshes).refreshAfter(refreshAfter).manualMaintenance(tick::set));
      secrets.preload(aws.names);
      aws.server.resetCalls();
      long steps = hour.toSeconds();
      for (long s = 1; s <= steps; s++) {
        ticker.advance(Duration.ofSeconds(1));
        tick.get().run();
        refreshes.awaitIdle(Duration.ofSeconds(30));
        if (s % 60 == 0) {
          aws.names.forEach(secrets::get);
        }
      }
      total = aws.server.totalCalls();
      gets = aws.server.calls("GetSecretValue");
      batches = aws.server.calls("BatchGetSecretValue");
      describes = aws.server.calls("DescribeSecret");
      tasks = refreshes.executed();
      secrets.close();

      if (awsScaleDivisor > 0) {
        SecretCache cache = aws.awsCache(refreshAfter.dividedBy(awsScaleDivisor));
        for (String n : aws.names) {
          cache.getSecretString(LocalAws.awsId(n));
        }
        aws.server.resetCalls();
        long end = System.nanoTime() + hour.dividedBy(awsScaleDivisor).toNanos();
        while (System.nanoTime() < end) {
          for (String n : aws.names) {
            cache.getSecretString(LocalAws.awsId(n));
          }
        }
        awsTotal = aws.server.totalCalls();
        awsDescribe = aws.server.calls("DescribeSecret");
        awsGets = aws.server.calls("GetSecretValue");
        cache.close();
      }
    }
    int naive = (int) (count * (hour.toNanos() / refreshAfter.toNanos()));
    return new Hour(count, refreshAfter, hour, total, gets, batches, describes, naive, tasks, awsTotal, awsDescribe,
        awsGets, awsScaleDivisor);
  }
}
