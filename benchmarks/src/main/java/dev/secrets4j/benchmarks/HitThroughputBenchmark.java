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

/** Scenario 2: hits per microsecond with two threads reading the same secret (both cores of this machine). */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class HitThroughputBenchmark {

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
  public String awsCachingClientGet(States.AwsCachingClient s) {
    return s.cache.getSecretString(s.id);
  }
}
