package dev.secrets4j.benchmarks;

import static dev.secrets4j.benchmarks.Figures.fmt;
import static dev.secrets4j.benchmarks.Figures.max;
import static dev.secrets4j.benchmarks.Figures.median;
import static dev.secrets4j.benchmarks.Figures.min;
import static dev.secrets4j.benchmarks.Figures.ms;
import static dev.secrets4j.benchmarks.Figures.nanos;
import static dev.secrets4j.benchmarks.Figures.pctOver;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.openjdk.jmh.results.Result;

/** Everything measured, and the table: the rows of each scenario run, in one markdown table, then the notes. */
final class Report {
  final Map<String, Result<?>> jmh = new HashMap<>();
  final Map<String, Properties> refreshStats = new HashMap<>();
  CountingScenarios.ColdStart coldStart;
  CountingScenarios.ColdStart coldStartNoTag;
  CountingScenarios.ColdStart coldStartConcurrent;
  CountingScenarios.ColdStart coldStartConcurrentDefaults;
  CountingScenarios.ColdReads coldReads;
  CountingScenarios.ColdReads coldReadsNoTag;
  CountingScenarios.Hour hour;
  dev.secrets4j.benchmarks.cold.ColdStartTable coldStartTable;

  String markdown(boolean quick, double minutes) {
    StringBuilder sb = new StringBuilder();
    sb.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
        .append(System.getProperty("java.vm.version")).append(" (").append(System.getProperty("java.vm.name"))
        .append(")").append(quick ? ", QUICK settings (not for the record)" : "")
        .append(jmh.isEmpty() ? ";" : "; JMH: 3 x 1 s warmup, 5 x 1 s measurement per fork, 2 forks for rows 1a/1b"
            + " and their CHM peer, 1 fork otherwise; ± is JMH's 99.9% interval;")
        .append(" suite took ").append(String.format(Locale.ROOT, "%.1f", minutes)).append(" min.\n\n");
    sb.append("| # | scenario | secrets4j | peer | ratio | target | met? |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    if (!jmh.isEmpty()) {
      hitLatency(sb);
      throughput(sb);
      refresh(sb);
    }
    if (coldReads != null) {
      coldReads(sb);
      coldStart(sb);
      hour(sb);
    }
    if (coldStartTable != null) {
      sb.append(coldStartTable.rows());
    }
    sb.append('\n');
    notes(sb);
    if (coldStartTable != null) {
      sb.append(coldStartTable.notes());
      String census = coldStartTable.census();
      if (!census.isEmpty()) {
        sb.append("\nClasses each cold-start process loaded (`-Xlog:class+load`, one untimed run each):\n\n")
            .append(census);
      }
      sb.append("\nEach cold-start process's time, split as it measured it (medians of the timed runs):\n\n")
          .append(coldStartTable.steps());
      String timeline = coldStartTable.timeline();
      if (!timeline.isEmpty()) {
        sb.append("\nsecrets4j's one-secret process, step by step (the times at which marker classes were first"
            + " loaded, from the same untimed run):\n\n").append(timeline);
      }
    }
    return sb.toString();
  }

  private Result<?> r(String key) {
    return jmh.get(key);
  }

  private void hitLatency(StringBuilder sb) {
    Result<?> chm = r("HitLatencyBenchmark.chmGet");
    Result<?> plain = r("HitLatencyBenchmark.secrets4jGet");
    Result<?> audit = r("HitLatencyBenchmark.secrets4jGetAuditAsync");
    Result<?> every = r("HitLatencyBenchmark.secrets4jGetAuditEveryHit");
    Result<?> awsHit = r("HitLatencyBenchmark.awsCachingClientGet");
    Result<?> caf = r("HitLatencyBenchmark.caffeineBoundedGetIfPresent");
    if (chm == null) {
      return;
    }
    row(sb, "1a", "cache-hit `get` latency, audit off, 1 thread", ns(plain), "`CHM.get` " + ns(chm),
        ratio(plain, chm), "≤ 3×", atMost(plain, chm, 3));
    row(sb, "1b", "cache-hit `get` latency, async audit hook (hits counted, default)", ns(audit),
        "`CHM.get` " + ns(chm), ratio(audit, chm), "≤ 6×", atMost(audit, chm, 6));
    row(sb, "1·", "(info) hit, async audit hook, `auditEveryHit` (one event per hit, queue)", ns(every),
        "`CHM.get` " + ns(chm), ratio(every, chm), "—", "—");
    row(sb, "1·", "(info) AWS caching client hit, 1 thread", ns(plain) + " (secrets4j)",
        "AWS " + ns(awsHit), ratio(awsHit, plain) + " AWS/secrets4j", "—", "—");
    row(sb, "1·", "(diagnostic) Caffeine `getIfPresent`, bounded, as the resolver builds it", ns(caf),
        "`CHM.get` " + ns(chm), ratio(caf, chm), "—", "—");
    Result<?> unb = r("HitLatencyBenchmark.caffeineUnboundedGetIfPresent");
    Result<?> exp = r("HitLatencyBenchmark.hitPathCopyOverChm");
    Result<?> expCaf = r("HitLatencyBenchmark.hitPathCopyOverBoundedCaffeine");
    row(sb, "1·", "(diagnostic) Caffeine `getIfPresent`, unbounded (no read buffer, no eviction policy)", ns(unb),
        "`CHM.get` " + ns(chm), ratio(unb, chm), "—", "—");
    row(sb, "1·", "(experiment) a copy of the resolver's hit path (audit off) over a bounded Caffeine cache built"
            + " as the resolver builds it", ns(expCaf), "`CHM.get` " + ns(chm), ratio(expCaf, chm), "—", "—");
    row(sb, "1·", "(experiment) the same copy over a `ConcurrentHashMap` instead", ns(exp),
        "`CHM.get` " + ns(chm), ratio(exp, chm), "—", "—");
  }

  private void throughput(StringBuilder sb) {
    Result<?> chm = r("HitThroughputBenchmark.chmGet");
    Result<?> plain = r("HitThroughputBenchmark.secrets4jGet");
    Result<?> audit = r("HitThroughputBenchmark.secrets4jGetAuditAsync");
    Result<?> aws = r("HitThroughputBenchmark.awsCachingClientGet");
    if (plain == null) {
      return;
    }
    row(sb, "2", "hit throughput, 2 threads, one secret (ops/µs, both threads)", ops(plain),
        "AWS caching client " + ops(aws), ratio(plain, aws), "≥ 5×", atLeast(plain, aws, 5));
    row(sb, "2·", "(info) same, secrets4j with async audit hook", ops(audit),
        "AWS caching client " + ops(aws), ratio(audit, aws), "—", "—");
    row(sb, "2·", "(info) the limit: `CHM.get`, 2 threads", ops(plain) + " (secrets4j)",
        "`CHM.get` " + ops(chm), ratio(plain, chm) + " secrets4j/CHM", "—", "—");
  }

  private void refresh(StringBuilder sb) {
    Result<?> plain = r("RefreshInFlightBenchmark.secrets4jGet[refreshing=false]");
    Result<?> during = r("RefreshInFlightBenchmark.secrets4jGet[refreshing=true]");
    Result<?> aws = r("RefreshInFlightBenchmark.awsCachingClientGet");
    if (plain == null || during == null) {
      return;
    }
    double p99d = during.getStatistics().getPercentile(99);
    double p99p = plain.getStatistics().getPercentile(99);
    double ratio = p99d / p99p;
    Properties st = refreshStats.getOrDefault("secrets4j", new Properties());
    String inFlight = share(st);
    row(sb, "3", "reader latency while a refresh (store: 200 ms a call) is in flight: p99 of sampled `get`s",
        "p99 " + nanos(p99d) + " (p50 " + nanos(during.getStatistics().getPercentile(50)) + ", p99.9 "
            + nanos(during.getStatistics().getPercentile(99.9)) + ", max " + nanos(during.getStatistics().getMax())
            + "; " + during.getSampleCount() + " samples; refresh in flight " + inFlight + ")",
        "secrets4j, no refresh: p99 " + nanos(p99p) + " (p50 " + nanos(plain.getStatistics().getPercentile(50))
            + ", p99.9 " + nanos(plain.getStatistics().getPercentile(99.9)) + ", max "
            + nanos(plain.getStatistics().getMax()) + "; " + plain.getSampleCount() + " samples)",
        fmt(ratio) + "×", "≤ 2×", ratio <= 2 ? "yes" : "no (" + pctOver(ratio, 2) + ")");
    if (aws != null) {
      Properties a = refreshStats.getOrDefault("aws", new Properties());
      row(sb, "3·", "(info) AWS caching client reader while its refresh (item TTL 1 s) runs: the reader waits",
          "secrets4j max " + nanos(during.getStatistics().getMax()),
          "AWS p99 " + nanos(aws.getStatistics().getPercentile(99)) + ", p99.99 "
              + nanos(aws.getStatistics().getPercentile(99.99)) + ", max " + nanos(aws.getStatistics().getMax())
              + " (" + a.getProperty("cycles", "?") + " refreshes)",
          "—", "—", "—");
    }
  }

  private static String share(Properties st) {
    try {
      double busy = Double.parseDouble(st.getProperty("busyNanos"));
      double elapsed = Double.parseDouble(st.getProperty("elapsedNanos"));
      return String.format(Locale.ROOT, "%.0f%% of the run, %s refreshes", 100 * busy / elapsed,
          st.getProperty("cycles"));
    } catch (RuntimeException e) {
      return "?";
    }
  }

  private void coldReads(StringBuilder sb) {
    CountingScenarios.ColdReadRound worst = worst(coldReads.secrets4j());
    row(sb, "4", "64 concurrent cold reads of one secret (store 200 ms a call): store calls, worst of "
            + coldReads.secrets4j().size() + " rounds; defaults",
        calls(worst), "AWS caching client " + calls(worst(coldReads.aws())), "—", "1",
        worst.storeCalls() == 1 ? "yes"
            : worst.getSecretValueCalls() == 1
                ? "no: " + worst.storeCalls() + " calls; the 64 readers share one load (1 GetSecretValue), "
                    + "and the load reads the tags for the environment-tag guard"
                : "no",
        "; at least " + coldReads.minWaiting() + " of 64 readers were waiting before the first got its value");
    if (coldReadsNoTag != null) {
      CountingScenarios.ColdReadRound w = worst(coldReadsNoTag.secrets4j());
      row(sb, "4·", "(info) the same with the environment-tag guard off, worst of "
              + coldReadsNoTag.secrets4j().size() + " rounds",
          calls(w), "—", "—", "1", w.storeCalls() == 1 ? "yes" : "no");
    }
  }

  private static CountingScenarios.ColdReadRound worst(List<CountingScenarios.ColdReadRound> rounds) {
    return rounds.stream().max(java.util.Comparator.comparingInt(CountingScenarios.ColdReadRound::storeCalls))
        .orElseThrow();
  }

  private static String calls(CountingScenarios.ColdReadRound r) {
    return r.storeCalls() + " call(s): " + r.getSecretValueCalls() + " GetSecretValue, " + r.describeCalls()
        + " DescribeSecret";
  }

  private void coldStart(StringBuilder sb) {
    double med = coldStartRow(sb, "5", coldStart, "defaults");
    double awsMed = median(coldStart.awsMillis());
    sb.setLength(sb.length() - 1); // the row is finished below with the peer
    sb.append(" AWS caching client, serial `getSecretString`: ").append(ms(awsMed)).append(" (")
        .append(coldStart.awsMillis().size()).append(" run(s)); ").append(coldStart.awsCalls())
        .append(" store calls | ").append(fmt(awsMed / med)).append("× faster | ≤ 150 ms | ")
        .append(med <= 150 ? "yes" : "no (" + pctOver(med, 150) + ")").append(" |\n");
    if (coldStartNoTag != null) {
      double m = coldStartRow(sb, "5·", coldStartNoTag, "(info) environment-tag guard off");
      sb.setLength(sb.length() - 1);
      sb.append(" — | — | ≤ 150 ms | ").append(m <= 150 ? "yes" : "no (" + pctOver(m, 150) + ")").append(" |\n");
    }
    if (coldStartConcurrent != null) {
      double m = coldStartRow(sb, "5·", coldStartConcurrent,
          "(experiment) environment-tag guard off, the 100 names split into 5 `preload` calls made at once");
      sb.setLength(sb.length() - 1);
      sb.append(" — | — | ≤ 150 ms | ").append(m <= 150 ? "yes" : "no (" + pctOver(m, 150) + ")").append(" |\n");
    }
    if (coldStartConcurrentDefaults != null) {
      double m = coldStartRow(sb, "5·", coldStartConcurrentDefaults,
          "(experiment) defaults, the 100 names split into 5 `preload` calls made at once");
      sb.setLength(sb.length() - 1);
      sb.append(" — | — | ≤ 150 ms | ").append(m <= 150 ? "yes" : "no (" + pctOver(m, 150) + ")").append(" |\n");
    }
  }

  /** Appends "| id | scenario | secrets4j |" and a newline; returns the median of the rounds after the first. */
  private static double coldStartRow(StringBuilder sb, String id, CountingScenarios.ColdStart c, String what) {
    List<Double> s = c.secrets4jMillis();
    List<Double> rest = s.size() > 1 ? s.subList(1, s.size()) : s;
    double med = median(rest);
    sb.append("| ").append(id).append(" | cold start: ").append(c.secrets()).append(" secrets, store 20 ms a call, ")
        .append("time for `preload` to have all loaded; ").append(what).append(" | median ").append(ms(med))
        .append(" of ").append(rest.size()).append(" fresh resolvers (range ").append(ms(min(rest))).append("–")
        .append(ms(max(rest))).append("); the first in this JVM ").append(ms(s.get(0))).append("; ")
        .append(c.secrets4jCalls()).append(" store calls (").append(c.secrets4jBatchCalls())
        .append(" BatchGetSecretValue, ").append(c.secrets4jDescribeCalls()).append(" DescribeSecret) |\n");
    return med;
  }

  private void hour(StringBuilder sb) {
    double share = (double) hour.total() / hour.naive();
    String peer = "every secret fetched on every refresh: " + hour.naive() + " calls";
    if (hour.awsScaleDivisor() > 0) {
      peer += "; AWS caching client (time-scaled 1/" + hour.awsScaleDivisor() + "): " + hour.awsScaledTotal()
          + " (" + hour.awsScaledDescribe() + " DescribeSecret, " + hour.awsScaledGetSecretValue()
          + " GetSecretValue)";
    }
    row(sb, "6", "store calls in a simulated hour: " + hour.secrets() + " secrets, refresh every 5 min, "
            + "nothing rotated",
        hour.total() + " (" + hour.batchGet() + " BatchGetSecretValue, " + hour.describe() + " DescribeSecret, "
            + hour.getSecretValue() + " GetSecretValue)",
        peer, fmt(share) + " of naive", "≤ 0.25", share <= 0.25 ? "yes" : "no (" + pctOver(share, 0.25) + ")");
  }

  private void notes(StringBuilder sb) {
    if (jmh.isEmpty() && coldReads == null) {
      return;
    }
    sb.append("Ratios are taken between figures of this same run. A ratio's range, where given, is the worst and"
        + " best case of the two JMH 99.9% intervals. Sampled latencies (scenario 3) include the cost of reading"
        + " the timer around each call, alike in both columns; JMH gives no interval for percentiles.\n");
  }

  // ---------------------------------------------------------------- formatting

  private static void row(StringBuilder sb, String id, String scenario, String s4j, String peer, String ratio,
      String target, String met) {
    row(sb, id, scenario, s4j, peer, ratio, target, met, "");
  }

  private static void row(StringBuilder sb, String id, String scenario, String s4j, String peer, String ratio,
      String target, String met, String extra) {
    sb.append("| ").append(id).append(" | ").append(scenario).append(extra).append(" | ").append(s4j)
        .append(" | ").append(peer).append(" | ").append(ratio).append(" | ").append(target).append(" | ")
        .append(met).append(" |\n");
  }

  private static String ns(Result<?> r) {
    return r == null ? "n/a" : fmt(r.getScore()) + " ± " + fmt(r.getScoreError()) + " ns";
  }

  private static String ops(Result<?> r) {
    return r == null ? "n/a" : fmt(r.getScore()) + " ± " + fmt(r.getScoreError()) + " ops/µs";
  }

  /** a/b with its range from the two intervals. */
  private static String ratio(Result<?> a, Result<?> b) {
    if (a == null || b == null) {
      return "n/a";
    }
    double[] lh = range(a, b);
    return fmt(a.getScore() / b.getScore()) + "× (" + fmt(lh[0]) + "–" + (Double.isInfinite(lh[1]) ? "∞" : fmt(lh[1]))
        + ")";
  }

  private static double[] range(Result<?> a, Result<?> b) {
    double ea = err(a);
    double eb = err(b);
    double lo = (a.getScore() - ea) / (b.getScore() + eb);
    double hiDen = b.getScore() - eb;
    double hi = hiDen > 0 ? (a.getScore() + ea) / hiDen : Double.POSITIVE_INFINITY;
    return new double[] {lo, hi};
  }

  private static double err(Result<?> r) {
    double e = r.getScoreError();
    return Double.isNaN(e) ? 0 : e;
  }

  /** a/b ≤ limit, with a word when the interval crosses it. */
  private static String atMost(Result<?> a, Result<?> b, double limit) {
    if (a == null || b == null) {
      return "n/a";
    }
    double x = a.getScore() / b.getScore();
    double[] lh = range(a, b);
    if (x <= limit) {
      return lh[1] > limit ? "yes (interval reaches " + fmt(lh[1]) + "×)" : "yes";
    }
    return "no (" + pctOver(x, limit) + (lh[0] <= limit ? "; interval reaches " + fmt(lh[0]) + "×" : "") + ")";
  }

  private static String atLeast(Result<?> a, Result<?> b, double limit) {
    if (a == null || b == null) {
      return "n/a";
    }
    double x = a.getScore() / b.getScore();
    double[] lh = range(a, b);
    if (x >= limit) {
      return lh[0] < limit ? "yes (interval reaches " + fmt(lh[0]) + "×)" : "yes";
    }
    return String.format(Locale.ROOT, "no (%.0f%% short)", 100 * (limit - x) / limit);
  }

}
