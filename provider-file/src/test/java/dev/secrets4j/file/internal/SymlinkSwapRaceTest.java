package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.Environment;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.VersionSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder inside a directory source swapped, again and again, for a link to a folder outside it while the source
 * reads through it: no read may return the outside file. Bounded in reads and in time.
 */
class SymlinkSwapRaceTest {
  private static final int READS = 20_000;
  private static final Duration TIME_LIMIT = Duration.ofSeconds(15);
  private static final String OUTSIDE_VALUE = "OUTSIDE-the-root";

  @TempDir
  Path tmp;

  @Test
  void folderSwappedForALinkOutside_neverLeaksTheOutsideFile() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("root"));
    Path sub = Files.createDirectory(root.resolve("sub"));
    TestFiles.write(sub.resolve("x"), "inside-value");
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    TestFiles.write(outside.resolve("x"), OUTSIDE_VALUE);
    Path hidden = root.resolve(".sub-hidden");

    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    AtomicReference<Throwable> swapperFailure = new AtomicReference<>();
    Thread swapper = new Thread(() -> {
      try {
        while (!done.get()) {
          Files.move(sub, hidden);
          Files.createSymbolicLink(sub, outside);
          Files.delete(sub);
          Files.move(hidden, sub);
          swaps.incrementAndGet();
        }
      } catch (Throwable t) {
        swapperFailure.set(t);
      }
    }, "swapper");

    int inside = 0;
    int refused = 0;
    int reads = 0;
    try (SecretSource source = FileSecretSources.fromUri("dir:" + root, Environment.DEVELOPMENT)) {
      swapper.start();
      long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
      while (reads < READS && System.nanoTime() < deadline && swapperFailure.get() == null) {
        reads++;
        try {
          String value = source.fetch("sub/x", VersionSelector.CURRENT).valueAsString();
          if (!value.equals("inside-value")) {
            throw new AssertionError("read #" + reads + " returned the content of a file outside the root");
          }
          inside++;
        } catch (SecretSourceException e) {
          assertThat(TestFiles.messages(e)).doesNotContain(OUTSIDE_VALUE);
          refused++;
        }
      }
    } finally {
      done.set(true);
      swapper.join(TIME_LIMIT.toMillis());
    }
    assertThat(swapperFailure.get()).isNull();
    assertThat(swaps.get()).as("swaps").isPositive();
    assertThat(inside).as("reads of the inside file").isPositive();
    assertThat(inside + refused).isEqualTo(reads);
  }
}
