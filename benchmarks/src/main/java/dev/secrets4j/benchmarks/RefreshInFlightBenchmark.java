package dev.secrets4j.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import dev.secrets4j.test.FakeTicker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 3: the distribution of one reader's hit latency (JMH sample mode: each sampled call timed alone, so
 * the figures include the timer's own cost, the same in both runs) while a refresh of a store answering every
 * call in 200 ms is in flight, against the same reader with no refresh.
 *
 * <p>secrets4j: a driver thread keeps a refresh in flight back to back: it rotates the secret on the server,
 * moves the resolver's injected ticker past {@code refreshAfter}, runs maintenance (which hands the refresh to
 * the resolver's own refresh threads: DescribeSecret, then GetSecretValue for the new version, 200 ms each) and
 * waits for the rotation to land. AWS's caching client refreshes on a reader's call once its item TTL (here 1 s,
 * real time) runs out, and the value is rotated on the server every 0.5 s.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class RefreshInFlightBenchmark {
  static final Duration STORE_LATENCY = Duration.ofMillis(200);
  /** Where the driver's counts go, for the runner's table (set by the runner on the forked JVM). */
  static final String STATS_DIR = "secrets4j.bench.dir";

  @State(Scope.Benchmark)
  public static class Secrets4jRefresh {
    @Param({"false", "true"})
    public boolean refreshing;

    public String name = LocalAws.HOT;
    public Secrets secrets;
    private LocalAws aws;
    private Thread driver;
    private volatile boolean stop;
    private volatile long cycles;
    private volatile long timeouts;
    private volatile long busyNanos;
    private long startNanos;

    @Setup(Level.Trial)
    public void setUp() {
      aws = new LocalAws(0);
      aws.server.latency(STORE_LATENCY);
      FakeTicker ticker = new FakeTicker();
      java.util.concurrent.atomic.AtomicReference<Runnable> tick = new java.util.concurrent.atomic.AtomicReference<>();
      secrets = aws.secrets4j(b -> b.ticker(ticker).clock(ticker.clock()).manualMaintenance(tick::set));
      secrets.get(name);
      if (!refreshing) {
        return;
      }
      Semaphore rotated = new Semaphore(0);
      secrets.onRotation(name, (n, oldId, newId) -> rotated.release());
      Runnable maintenance = tick.get();
      startNanos = System.nanoTime();
      driver = new Thread(() -> {
        while (!stop) {
          long t0 = System.nanoTime();
          aws.rotate(name);
          ticker.advance(Duration.ofMinutes(6)); // past refreshAfter (5 min, +10% jitter at most)
          maintenance.run();
          boolean landed;
          try {
            landed = rotated.tryAcquire(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            return;
          }
          if (landed) {
            busyNanos += System.nanoTime() - t0;
            cycles++;
          } else {
            timeouts++;
          }
        }
      }, "refresh-driver");
      driver.setDaemon(true);
      driver.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      stop = true;
      if (driver != null) {
        driver.join(5_000);
        long elapsed = System.nanoTime() - startNanos;
        writeStats("secrets4j", cycles, timeouts, busyNanos, elapsed, aws.server.totalCalls());
      }
      aws.close();
    }
  }

  @State(Scope.Benchmark)
  public static class AwsRefresh {
    public String id = LocalAws.awsId(LocalAws.HOT);
    public SecretCache cache;
    private LocalAws aws;
    private java.util.concurrent.ScheduledExecutorService rotator;
    private long startNanos;

    @Setup(Level.Trial)
    public void setUp() {
      aws = new LocalAws(0);
      aws.server.latency(STORE_LATENCY);
      cache = aws.awsCache(Duration.ofSeconds(1));
      cache.getSecretString(id);
      rotator = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rotator");
        t.setDaemon(true);
        return t;
      });
      rotator.scheduleAtFixedRate(() -> aws.rotate(LocalAws.HOT), 500, 500, TimeUnit.MILLISECONDS);
      startNanos = System.nanoTime();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      rotator.shutdownNow();
      long elapsed = System.nanoTime() - startNanos;
      int describes = aws.server.calls("DescribeSecret");
      // each refresh is one DescribeSecret (and a GetSecretValue when the version moved), 200 ms each
      writeStats("aws", describes, 0, (long) aws.server.totalCalls() * STORE_LATENCY.toNanos(), elapsed,
          aws.server.totalCalls());
      aws.close();
    }
  }

  static void writeStats(String who, long cycles, long timeouts, long busyNanos, long elapsedNanos, int calls) {
    String dir = System.getProperty(STATS_DIR);
    if (dir == null) {
      return;
    }
    String text = "cycles=" + cycles + "\ntimeouts=" + timeouts + "\nbusyNanos=" + busyNanos + "\nelapsedNanos="
        + elapsedNanos + "\nstoreCalls=" + calls + "\n";
    try {
      Files.writeString(Path.of(dir, "refresh-" + who + ".properties"), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  public Secret secrets4jGet(Secrets4jRefresh s) {
    return s.secrets.get(s.name);
  }

  @Benchmark
  public String awsCachingClientGet(AwsRefresh s) {
    return s.cache.getSecretString(s.id);
  }
}
