package dev.secrets4j.benchmarks;

import dev.secrets4j.Secret;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * Scenario 1: the latency of a cache hit on one thread, against ConcurrentHashMap.get of the precomputed value.
 * The returned value goes to JMH's blackhole.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class HitLatencyBenchmark {

  @Benchmark
  public Secret chmGet(States.Chm s) {
    return s.map.get(s.name);
  }

  @Benchmark
  public Secret secrets4jGet(States.Plain s) {
    return s.secrets.get(s.name);
  }

  @Benchmark
  public Secret secrets4jGetAuditAsync(States.Audited s) {
    return s.secrets.get(s.name);
  }

  @Benchmark
  public Secret secrets4jGetAuditEveryHit(States.AuditedEveryHit s) {
    return s.secrets.get(s.name);
  }

  @Benchmark
  public String awsCachingClientGet(States.AwsCachingClient s) {
    return s.cache.getSecretString(s.id);
  }

  @Benchmark
  public Secret caffeineBoundedGetIfPresent(States.CaffeineBounded s) {
    return s.cache.getIfPresent(s.name);
  }
}
