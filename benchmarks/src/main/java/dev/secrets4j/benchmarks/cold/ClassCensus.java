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
 * are counted apart: each is made at run time.
 */
record ClassCensus(int total, int fromArchive, Map<String, Integer> byOwner) {
  /** The owners counted, in table order. */
  static final List<String> OWNERS = List.of("secrets4j", "Caffeine", "Jackson", "AWS SDK", "hidden (lambdas)",
      "java.util.regex", "other");

  static ClassCensus of(Path log) throws IOException {
    Map<String, Integer> by = new LinkedHashMap<>();
    for (String o : OWNERS) {
      by.put(o, 0);
    }
    int total = 0;
    int archive = 0;
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
      by.merge(owner(line.substring(start + 2, end)), 1, Integer::sum);
    }
    return new ClassCensus(total, archive, by);
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
