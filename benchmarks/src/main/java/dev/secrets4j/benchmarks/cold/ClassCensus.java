package dev.secrets4j.benchmarks.cold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes one process loaded, from its {@code -Xlog:class+load} file, counted by where they come from: the JDK's
 * shared archive (mapped, cheap), and by owner for the rest. Lambdas, method-handle forms and other hidden classes
 * are counted apart: each is made at run time. {@code marks} holds the log's time (ms since the JVM started) at which
 * each of {@link #MARKS} was first loaded, and at the last line: a rough timeline of the process.
 */
record ClassCensus(int total, int fromArchive, Map<String, Integer> byOwner, Map<String, Double> marks) {
  /** The owners counted, in table order. */
  static final List<String> OWNERS = List.of("secrets4j", "Caffeine", "Jackson", "AWS SDK", "hidden (lambdas)",
      "java.util.regex", "other");
  /**
   * Classes whose first load marks a step of a secrets4j process: the library's first class; provider-aws starting to
   * make its source (detection, guards and provider lookup are done); the resolver's settings (the SDK client and the
   * guards are made); the SDK marshalling the first request (the resolver is set up, the read has reached the SDK).
   */
  static final List<String> MARKS = List.of("dev.secrets4j.Secrets", "dev.secrets4j.aws.internal.AwsSourceSettings",
      "dev.secrets4j.ResolverSettings",
      "software.amazon.awssdk.services.secretsmanager.transform.GetSecretValueRequestMarshaller");
  /** The key of the last line's time in {@link #marks}. */
  static final String END = "end";

  static ClassCensus of(Path log) throws IOException {
    Map<String, Integer> by = new LinkedHashMap<>();
    for (String o : OWNERS) {
      by.put(o, 0);
    }
    Map<String, Double> marks = new LinkedHashMap<>();
    int total = 0;
    int archive = 0;
    double last = Double.NaN;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      // [0.062s][info][class,load] java.lang.Object source: shared objects file
      int start = line.indexOf("] ");
      int end = line.indexOf(' ', start + 2);
      if (start < 0 || end < 0 || !line.contains("[class,load]")) {
        continue;
      }
      total++;
      if (line.contains("source: shared objects file")) {
        archive++;
      }
      String name = line.substring(start + 2, end);
      by.merge(owner(name), 1, Integer::sum);
      last = seconds(line) * 1000;
      if (MARKS.contains(name)) {
        marks.putIfAbsent(name, last);
      }
    }
    marks.put(END, last);
    return new ClassCensus(total, archive, by, marks);
  }

  /** {@code 0.062} from {@code [0.062s][info]...}; NaN when the line has no such time. */
  private static double seconds(String line) {
    int s = line.indexOf("s]");
    if (!line.startsWith("[") || s < 0) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(line.substring(1, s));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String owner(String name) {
    if (name.contains("$$Lambda") || name.contains("/0x") || name.startsWith("java.lang.invoke.LambdaForm$")) {
      return "hidden (lambdas)";
    }
    if (name.startsWith("dev.secrets4j.") && !name.startsWith("dev.secrets4j.benchmarks.")) {
      return "secrets4j";
    }
    if (name.startsWith("com.github.benmanes.caffeine.")) {
      return "Caffeine";
    }
    if (name.startsWith("com.fasterxml.jackson.")) {
      return "Jackson";
    }
    if (name.startsWith("software.amazon.")) {
      return "AWS SDK";
    }
    if (name.startsWith("java.util.regex.")) {
      return "java.util.regex";
    }
    return "other";
  }
}
