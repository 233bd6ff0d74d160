package dev.secrets4j.benchmarks;

import dev.secrets4j.SecretNotFoundException;
import dev.secrets4j.Secrets;
import dev.secrets4j.test.InMemorySecretSource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
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
 * "Miss with a full cache": a read of a new name that the store does not have, while the cache holds
 * {@code maximum-size} secrets (half of them with a field read), so that every read evicts an entry. Names an
 * attacker controls (a header, a tenant id) arrive like this. The cost must not grow with the cache size.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class FullCacheMissBenchmark {

  /** A resolver over an in-memory store, filled to its maximum size. */
  @State(Scope.Benchmark)
  public static class Full {
    @Param({"1000", "10000", "40000"})
    public int size;

    Secrets secrets;
    long next;

    @Setup(Level.Trial)
    public void fill() {
      InMemorySecretSource store = InMemorySecretSource.create();
      secrets = Secrets.builder().environment("development").source(store).maximumSize(size)
          .notFoundTtl(Duration.ofMinutes(5)).build();
      for (int i = 0; i < size; i++) {
        store.put("secret-" + i, "{\"password\":\"p" + i + "\"}");
        secrets.get(i % 2 == 0 ? "secret-" + i + "#password" : "secret-" + i);
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      secrets.close();
    }
  }

  @Benchmark
  public Object missWithAFullCache(Full s) {
    try {
      return s.secrets.get("missing-" + s.next++);
    } catch (SecretNotFoundException e) {
      return e;
    }
  }
}
