package dev.secrets4j.benchmarks;

import dev.secrets4j.Environment;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.VersionSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A store call of a dotenv file source for a name not read before (a resolver's cache miss), on a file of 100 and
 * of 100,000 keys: the source keeps what it parsed until the file changes, so the cost of a fetch must not grow
 * with the file's size (it did: every first read of a name re-read and re-parsed the whole file).
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DotenvFetchBenchmark {

  /** A dotenv file of {@code keys} keys in a scratch folder, and a file source over it. */
  @State(Scope.Benchmark)
  public static class DotenvFile {
    @Param({"100", "100000"})
    public int keys;

    Path folder;
    SecretSource source;
    int next;

    @Setup(Level.Trial)
    public void write() throws Exception {
      folder = Files.createTempDirectory("secrets4j-dotenv-bench");
      Path file = folder.resolve("development.env");
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < keys; i++) {
        text.append("KEY_").append(i).append("=value-").append(i).append('\n');
      }
      Files.writeString(file, text);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      source = FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT);
      source.fetch("key-0", VersionSelector.CURRENT);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      source.close();
      try (var files = Files.walk(folder)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public Object fetchOfANameNotReadBefore(DotenvFile f) throws Exception {
    int i = f.next++ % f.keys;
    return f.source.fetch("key-" + i, VersionSelector.CURRENT);
  }
}
