package dev.secrets4j.benchmarks;

import dev.secrets4j.Secret;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 1: the latency of a cache hit on one thread, against ConcurrentHashMap.get of the precomputed value.
 * The returned value goes to JMH's blackhole. The three figures the targets are about run in two forks each (a
 * few nanoseconds move with each JVM's code layout); the others, for information, in one.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class HitLatencyBenchmark {

  @Benchmark
  @Fork(2)
  public Secret chmGet(States.Chm s) {
    return s.map.get(s.name);
  }

  @Benchmark
  @Fork(2)
  public Secret secrets4jGet(States.Plain s) {
    return s.secrets.get(s.name);
  }

  @Benchmark
  @Fork(2)
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

  @Benchmark
  public Secret caffeineUnboundedGetIfPresent(States.CaffeineUnbounded s) {
    return s.cache.getIfPresent(s.name);
  }

  @Benchmark
  public Secret hitPathCopyOverChm(States.ChmHitPath s) {
    return s.get(s.name);
  }

  @Benchmark
  public Secret hitPathCopyOverBoundedCaffeine(States.CaffeineHitPath s) {
    return s.get(s.name);
  }
}
