package dev.secrets4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.secrets4j.benchmarks.cold.ColdStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every scenario of the benchmark suite and prints one markdown table of ratios measured in this run.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--out FILE] [--prof NAME] [--include REGEX]
 *     [--skip-jmh] [--skip-counts] [--skip-cold] [--skip-fleet] [--cold-only] [--cold-runs N] [--java PATH]
 *     [--cold-latency MS]
 * </pre>
 *
 * The fleet simulation (8) runs in this JVM after the counting scenarios. The counting scenarios (4-6) run in this
 * JVM, first, against a local Secrets Manager on 127.0.0.1; the cold start
 * (7) launches a process per read (see {@link ColdStart}); the JMH benchmarks (1-3) run through the JMH API, one
 * forked JVM each.
 */
public final class RunAll {
  /** The second JVM the cold start is measured on, where the machine has it. */
  static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  private RunAll() {}

  public static void main(String[] args) throws Exception {
    Hermetic.apply();
    boolean quick = false;
    boolean skipJmh = false;
    boolean skipCounts = false;
    boolean skipCold = false;
    boolean skipFleet = false;
    int coldRuns = -1;
    long coldLatency = 0;
    List<Path> javas = new ArrayList<>();
    Path out = null;
    List<String> profilers = new ArrayList<>();
    String include = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick":
          quick = true;
          break;
        case "--skip-jmh":
          skipJmh = true;
          break;
        case "--skip-counts":
          skipCounts = true;
          break;
        case "--skip-cold":
          skipCold = true;
          break;
        case "--skip-fleet":
          skipFleet = true;
          break;
        case "--cold-only":
          skipJmh = true;
          skipCounts = true;
          skipFleet = true;
          break;
        case "--cold-runs":
          coldRuns = Integer.parseInt(args[++i]);
          break;
        case "--cold-latency":
          coldLatency = Long.parseLong(args[++i]);
          break;
        case "--java":
          javas.add(Path.of(args[++i]));
          break;
        case "--out":
          out = Path.of(args[++i]);
          break;
        case "--include":
          include = args[++i];
          break;
        case "--prof":
          profilers.add(args[++i]);
          break;
        default:
          System.err.println("unknown argument " + args[i] + "; use [--quick] [--out FILE] [--prof NAME]"
              + " [--include REGEX] [--skip-jmh] [--skip-counts] [--skip-cold] [--skip-fleet] [--cold-only] [--cold-runs N]"
              + " [--java PATH] [--cold-latency MS]");
          System.exit(2);
      }
    }
    long start = System.nanoTime();
    Report report = new Report();

    if (!skipCounts) {
      log("scenario 5: cold start, 100 secrets, store latency 20 ms (first: the first store use in this JVM)");
      report.coldStart = CountingScenarios.coldStart(100, Duration.ofMillis(20), quick ? 2 : 5, quick ? 1 : 2,
          CountingScenarios.DEFAULTS);
      log("  " + report.coldStart);
      report.coldStartNoTag = CountingScenarios.coldStart(100, Duration.ofMillis(20), quick ? 2 : 6, 0,
          CountingScenarios.NO_TAG_GUARD);
      log("  environment-tag guard off: " + report.coldStartNoTag);
      report.coldStartConcurrent = CountingScenarios.coldStart(100, Duration.ofMillis(20), quick ? 2 : 6, 0,
          CountingScenarios.NO_TAG_GUARD, 5);
      log("  environment-tag guard off, 5 concurrent preload calls: " + report.coldStartConcurrent);
      report.coldStartConcurrentDefaults = CountingScenarios.coldStart(100, Duration.ofMillis(20), quick ? 2 : 4, 0,
          CountingScenarios.DEFAULTS, 5);
      log("  defaults, 5 concurrent preload calls: " + report.coldStartConcurrentDefaults);
      log("scenario 4: 64 concurrent cold reads of one secret, store latency 200 ms");
      report.coldReads = CountingScenarios.coldReads(64, Duration.ofMillis(200), quick ? 2 : 5, true,
          CountingScenarios.DEFAULTS);
      log("  " + report.coldReads);
      report.coldReadsNoTag = CountingScenarios.coldReads(64, Duration.ofMillis(200), quick ? 1 : 3, false,
          CountingScenarios.NO_TAG_GUARD);
      log("  environment-tag guard off: " + report.coldReadsNoTag);
      log("scenario 6: store calls in a simulated hour, 100 secrets, refreshAfter 5 min");
      report.hour = CountingScenarios.hour(100, Duration.ofMinutes(5), Duration.ofHours(1), quick ? 1000 : 100);
      log("  " + report.hour);
    }

    String fleet = null;
    if (!skipFleet) {
      log("scenario 8: the fleet simulation (AWS, GCP, Azure; fleets of " + (quick ? "10" : "10 to 10,000") + " pods)");
      fleet = dev.secrets4j.benchmarks.fleet.FleetRun.run(quick, null, RunAll::log);
    }

    if (!skipCold) {
      if (javas.isEmpty()) {
        javas.add(Path.of(System.getProperty("java.home"), "bin", "java"));
        if (!quick && Files.isExecutable(TEMURIN_25)) {
          javas.add(TEMURIN_25);
        }
      }
      int runs = coldRuns > 0 ? coldRuns : quick ? 2 : 10;
      log("scenario 7: JVM start to first secret, whole processes, " + runs + " paired runs"
          + (quick ? " (quick: no class census)" : ", after a class census of each process"));
      report.coldStartTable = ColdStart.run(
          new ColdStart.Settings(javas, runs, !quick, coldLatency, Hermetic.jvmArgs()), quick, RunAll::log);
    }

    if (!skipJmh) {
      Path statsDir = Files.createTempDirectory("secrets4j-bench");
      List<String> jvmArgs = new ArrayList<>(Hermetic.jvmArgs());
      jvmArgs.add("-Xms1g");
      jvmArgs.add("-Xmx1g");
      jvmArgs.add("-D" + RefreshInFlightBenchmark.STATS_DIR + "=" + statsDir);
      ChainedOptionsBuilder o = new OptionsBuilder();
      if (include != null) {
        o.include(include);
      } else {
        o.include(HitLatencyBenchmark.class.getName() + "\\.")
            .include(HitThroughputBenchmark.class.getName() + "\\.")
            .include(RefreshInFlightBenchmark.class.getName() + "\\.");
      }
      o.timeout(TimeValue.minutes(2))
          .shouldFailOnError(true)
          .jvmArgsAppend(jvmArgs.toArray(new String[0]));
      if (quick) {
        // iterations and forks otherwise come from each benchmark's annotations
        o.forks(1).warmupIterations(1).measurementIterations(2);
      }
      for (String p : profilers) {
        o.addProfiler(p);
      }
      Collection<RunResult> results = new Runner(o.build()).run();
      for (RunResult r : results) {
        String key = r.getParams().getBenchmark().replace(RunAll.class.getPackageName() + ".", "");
        String refreshing = r.getParams().getParam("refreshing");
        if (refreshing != null) {
          key += "[refreshing=" + refreshing + "]";
        }
        report.jmh.put(key, r.getPrimaryResult());
      }
      report.refreshStats.put("secrets4j", load(statsDir.resolve("refresh-secrets4j.properties")));
      report.refreshStats.put("aws", load(statsDir.resolve("refresh-aws.properties")));
    }

    double minutes = (System.nanoTime() - start) / 60e9;
    String text = report.markdown(quick, minutes) + (fleet == null ? "" : "\n" + fleet);
    System.out.println();
    System.out.println(text);
    if (out != null) {
      Files.writeString(out, text, StandardCharsets.UTF_8);
      log("table written to " + out);
    }
  }

  private static Properties load(Path p) throws IOException {
    Properties props = new Properties();
    if (Files.exists(p)) {
      try (var in = Files.newInputStream(p)) {
        props.load(in);
      }
    }
    return props;
  }

  static void log(String s) {
    System.out.println("[secrets4j-bench] " + s);
    System.out.flush();
  }
}
