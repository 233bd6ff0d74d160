package dev.secrets4j.benchmarks.cold;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the measured processes of the cold-start scenario read, and how they say they read it: each prints
 * {@code ok N client=MS read=MS} (N secrets read, each non-empty, and the two steps' times) and nothing of a value.
 * Kept tiny: every measured process loads it.
 */
final class FirstSecret {
  /** The prefix of the secrets read through a {@code prefix=} source. */
  static final String PREFIX = "dev/";
  /** The one secret read by the one-secret modes. */
  static final String HOT = "hot-secret";
  /** How many secrets the many-secrets modes read (one {@code BatchGetSecretValue}). */
  static final int COUNT = 20;

  private FirstSecret() {}

  /** {@code secret-000} to {@code secret-019}, and {@value #HOT} first; with or without {@value #PREFIX}. */
  static List<String> names(boolean prefixed) {
    List<String> out = new ArrayList<>(COUNT + 1);
    out.add((prefixed ? PREFIX : "") + HOT);
    for (String n : logicalNames()) {
      out.add((prefixed ? PREFIX : "") + n);
    }
    return out;
  }

  /** The {@value #COUNT} logical names of the many-secrets modes. */
  static List<String> logicalNames() {
    List<String> out = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      out.add(i < 10 ? "secret-00" + i : "secret-0" + i);
    }
    return out;
  }

  /**
   * Prints {@code ok READ client=MS read=MS}: how many secrets were read, and the milliseconds from {@code t0} to
   * {@code t1} (making the client: the SDK client, AWS's cache, or the secrets4j resolver) and from {@code t1} to
   * now (the reads).
   *
   * @throws IllegalStateException when a value was empty
   */
  static void report(int read, int nonEmpty, long t0, long t1) {
    long t2 = System.nanoTime();
    if (read != nonEmpty) {
      throw new IllegalStateException((read - nonEmpty) + " of " + read + " secrets were empty");
    }
    new PrintStream(System.out, true, StandardCharsets.UTF_8).println("ok " + read + " client="
        + (t1 - t0) / 1_000_000.0 + " read=" + (t2 - t1) / 1_000_000.0);
  }
}
