package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.Environment;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canaries in every value position (bare, after a '=' inside the value, in quotes, on every line of a multi-line
 * value, before a comment), made of letters and digits only so that they would pass for keys once a broken line
 * shifts them to a key position; the documents are then damaged. No message may hold eight characters of any canary.
 * Seeded, and bounded in count and time.
 */
class DotenvValueLeakFuzzTest {
  private static final int INPUTS = 20_000;
  private static final int AT_LEAST = 2_000;
  private static final Duration TIME_LIMIT = Duration.ofSeconds(20);
  private static final String[] KEYS = {"API_KEY", "db-password", "TOKEN", "app.url", "_PRIVATE", "PEM", "k1"};

  @TempDir
  Path dir;

  @Test
  void damagedDotenv_neverShowsValueText_evenWhereItLandsInAKeyPosition() throws Exception {
    Random rnd = new Random(0x1EA4_0024L);
    Path file = TestFiles.write(dir.resolve("development.env"), "A=1\n");
    FileSecretSource source = (FileSecretSource) FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT);
    long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
    int inputs = 0;
    int refused = 0;
    try {
      while (inputs < INPUTS && System.nanoTime() < deadline) {
        inputs++;
        List<String> canaries = new ArrayList<>();
        byte[] input = MalformedInputFuzzTest.mutate(rnd, document(rnd, canaries), "");
        try {
          source.fetchFromContent(input, KEYS[rnd.nextInt(KEYS.length)], VersionSelector.CURRENT);
        } catch (SecretSourceException e) {
          if (e.kind() == SecretSourceException.Kind.PERMANENT) {
            refused++;
          }
          String messages = TestFiles.messages(e);
          for (String canary : canaries) {
            for (int i = 0; i + 8 <= canary.length(); i++) {
              if (messages.contains(canary.substring(i, i + 8))) {
                throw new AssertionError("input #" + inputs + ": a message shows (part of) a value");
              }
            }
          }
        }
      }
    } finally {
      source.close();
    }
    assertThat(inputs).isGreaterThanOrEqualTo(AT_LEAST);
    assertThat(refused).as("refused inputs").isGreaterThan(inputs / 10);
  }

  private static byte[] document(Random r, List<String> canaries) {
    StringBuilder sb = new StringBuilder();
    for (String k : KEYS) {
      if (r.nextBoolean()) {
        continue;
      }
      sb.append(r.nextInt(4) == 0 ? "export " : "").append(k).append(r.nextBoolean() ? "=" : " = ");
      switch (r.nextInt(7)) {
        case 0: sb.append(canary(r, canaries)); break;
        case 1: sb.append(canary(r, canaries)).append('=').append(canary(r, canaries)); break;
        case 2: sb.append('\'').append(canary(r, canaries)).append(' ').append(canary(r, canaries)).append('\''); break;
        case 3: sb.append('"').append(canary(r, canaries)).append("\\n").append(canary(r, canaries)).append('"'); break;
        case 4:
          sb.append('\'').append(canary(r, canaries)).append('\n').append(canary(r, canaries)).append('\n')
              .append(canary(r, canaries)).append("=='");
          break;
        case 5: sb.append(canary(r, canaries)).append(" # ").append(canary(r, canaries)); break;
        default: sb.append('"').append(canary(r, canaries)).append('\n').append(canary(r, canaries)).append('"');
      }
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Twelve letters and digits, starting with a letter: a valid key, a valid name. */
  private static String canary(Random r, List<String> canaries) {
    StringBuilder sb = new StringBuilder();
    sb.append("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".charAt(r.nextInt(52)));
    for (int i = 0; i < 11; i++) {
      sb.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(r.nextInt(36)));
    }
    String c = sb.toString();
    canaries.add(c);
    return c;
  }
}
