package dev.secrets4j.benchmarks.cold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cold-start table pairs the processes of each run, and the census counts a class log by owner. */
class ColdStartTableTest {
  @TempDir
  Path dir;

  @Test
  void ratio_isTheMedianOfTheRatiosWithinEachRun_andTheTargetIsJudged() {
    Map<String, ColdStart.Measured> byMode = new LinkedHashMap<>();
    for (ColdStart.Mode m : ColdStart.MODES) {
      byMode.put(m.id(), new ColdStart.Measured(List.of(100.0, 200.0, 300.0), "total=1", null));
    }
    // secrets4j 4% slower in runs 1 and 3, 10% in run 2: paired median 1.04, range 1.04-1.10
    byMode.put(ColdStart.S4J_ONE.id(), new ColdStart.Measured(List.of(104.0, 220.0, 312.0), "total=2", null));
    ColdStart.Settings settings = new ColdStart.Settings(List.of(), 3, false, 0, List.of());
    String rows = new ColdStartTable(List.of(new ColdStart.OnJvm("java", "Java 17", byMode)), false, settings)
        .rows();

    String first = rows.lines().findFirst().orElseThrow();
    assertThat(first).startsWith("| 7a | JVM start to first secret on Java 17: one secret")
        .contains("median 220 ms (104 ms–312 ms, 3 runs)").contains("| 1.04× (1.04–1.10) | ≤ 1.05× | yes |");
    assertThat(rows.lines()).hasSize(7);
  }

  @Test
  void quickRuns_areNotJudged() {
    Map<String, ColdStart.Measured> byMode = new LinkedHashMap<>();
    for (ColdStart.Mode m : ColdStart.MODES) {
      byMode.put(m.id(), new ColdStart.Measured(List.of(100.0), "total=1", null));
    }
    ColdStart.Settings settings = new ColdStart.Settings(List.of(), 1, false, 0, List.of());
    String rows = new ColdStartTable(List.of(new ColdStart.OnJvm("java", "Java 25", byMode)), true, settings).rows();
    assertThat(rows.lines().findFirst().orElseThrow()).endsWith("| not judged (--quick) |");
  }

  @Test
  void steps_splitEachProcessIntoItsClientItsReadsAndTheRest() {
    Map<String, ColdStart.Measured> byMode = new LinkedHashMap<>();
    for (ColdStart.Mode m : ColdStart.MODES) {
      byMode.put(m.id(), new ColdStart.Measured(List.of(500.0, 700.0), List.of(100.0, 120.0), List.of(50.0, 70.0),
          "total=1", null));
    }
    ColdStart.Settings settings = new ColdStart.Settings(List.of(), 2, false, 0, List.of());
    String steps = new ColdStartTable(List.of(new ColdStart.OnJvm("java", "Java 17", byMode)), false, settings)
        .steps();
    assertThat(steps.lines().skip(2).findFirst().orElseThrow())
        .isEqualTo("| Java 17 | plain SDK, `GetSecretValue` | 600 ms | 110 ms | 60.0 ms | 430 ms |");
  }

  @Test
  void census_countsArchivedClassesAndOwners() throws Exception {
    Path log = dir.resolve("classes.log");
    Files.writeString(log, String.join("\n",
        "[0.062s][info][class,load] java.lang.Object source: shared objects file",
        "[0.101s][info][class,load] dev.secrets4j.Secrets source: file:/x/core.jar",
        "[0.102s][info][class,load] dev.secrets4j.benchmarks.cold.FirstSecret source: file:/x/classes/",
        "[0.103s][info][class,load] dev.secrets4j.Resolver$$Lambda$42/0x0000000800c0b000 source: dev.secrets4j.Resolver",
        "[0.104s][info][class,load] com.github.benmanes.caffeine.cache.Caffeine source: file:/x/caffeine.jar",
        "[0.105s][info][class,load] java.util.regex.Pattern$Loop source: jrt:/java.base",
        "not a class line"), StandardCharsets.UTF_8);

    ClassCensus c = ClassCensus.of(log);

    assertThat(c.total()).isEqualTo(6);
    assertThat(c.fromArchive()).isEqualTo(1);
    assertThat(c.byOwner()).containsEntry("secrets4j", 1).containsEntry("hidden (lambdas)", 1)
        .containsEntry("Caffeine", 1).containsEntry("java.util.regex", 1).containsEntry("other", 2);
    // the first load of a marker class, and the last line, in ms since the JVM started
    assertThat(c.marks()).containsEntry("dev.secrets4j.Secrets", 101.0).containsEntry(ClassCensus.END, 105.0)
        .doesNotContainKey("dev.secrets4j.Resolver");
  }
}
