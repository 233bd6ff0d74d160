package dev.secrets4j.benchmarks.fleet;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The fleet simulation's results as markdown tables, and scenario 5 (cost per month at AWS's price). */
final class FleetTable {
  /** AWS's price: $0.05 per 10,000 API calls. */
  static final double DOLLARS_PER_CALL = 0.05 / 10_000;
  static final double HOURS_PER_MONTH = 730;

  private FleetTable() {}

  static String markdown(List<FleetResult> rows, int secrets, boolean quick, String command) {
    StringBuilder sb = new StringBuilder();
    sb.append("### Fleet simulation").append(quick ? " (quick: a smoke run, not for the record)" : "").append("\n\n");
    sb.append("Command: `").append(command).append("`. ").append(secrets).append(" secrets a pod, refreshAfter "
        + "5 min (±10 %), published quotas enforced by the test servers on simulated time. Rows whose pods column "
        + "equals the fleet ran every pod (measured); the others ran that many pods against the quotas scaled by "
        + "pods / fleet (sampled: each pod sees the share of each quota window a pod of the whole fleet would "
        + "see).\n\n");

    sb.append("| store | fleet | pods | 1: calls per pod-hour (by operation) | 1: throttled / failed reads | "
        + "1: busiest quota window | 2: rotation seen by every pod | 2: calls per pod | 3: restart: all pods have all "
        + "secrets | 3: throttled calls / failed preloads / failed reads | 3: busiest quota window | 4: failed reads "
        + "in the outage | 4: calls per pod during / in the minute after | 4: busiest window after recovery |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (FleetResult r : rows) {
      sb.append("| ").append(r.store()).append(" | ").append(String.format(Locale.ROOT, "%,d", r.fleet()))
          .append(" | ").append(r.pods()).append(r.measured() ? " (all)" : " (sample)")
          .append(" | ").append(fmt(r.perPodHourTotal())).append(" (").append(ops(r.perPodHour())).append(")")
          .append(" | ").append(r.steadyThrottled()).append(" / ").append(r.steadyFailedReads())
          .append(" | ").append(pct(r.steadyPeakShare()))
          .append(" | ").append(r.rotationSeconds() < 0 ? "not within 1 h" : time(r.rotationSeconds()))
          .append(" | ").append(ops(r.rotationCalls()))
          .append(" | ").append(r.restartSeconds() < 0 ? r.restartReady() + " of " + r.pods() + " ready after 30 min"
              : time(r.restartSeconds()))
          .append(" | ").append(r.restartThrottled()).append(" / ").append(r.restartFailedPreloads()).append(" / ")
          .append(r.restartFailedReads())
          .append(" | ").append(pct(r.restartPeakShare())).append(" of ").append(r.busiestQuota())
          .append(" | ").append(r.outageFailedReads())
          .append(" | ").append(fmt(r.outageCalls())).append(" / ").append(fmt(r.recoveryCalls()))
          .append(" | ").append(pct(r.recoveryPeakShare()))
          .append(" |\n");
    }
    sb.append("\n").append(cost(rows, secrets));
    return sb.toString();
  }

  /** Scenario 5: the AWS bill of a month's steady state for 100 and 1,000 pods. */
  static String cost(List<FleetResult> rows, int secrets) {
    StringBuilder sb = new StringBuilder("#### 5: cost per month at AWS's price ($0.05 per 10,000 calls), steady "
        + "state, " + secrets + " secrets a pod\n\n| reader | calls per pod-hour | 100 pods | 1,000 pods | source |\n"
        + "|---|---|---|---|---|\n");
    java.util.Map<String, FleetResult> perStore = new java.util.LinkedHashMap<>();
    for (FleetResult r : rows) {
      if (r.store().startsWith("AWS")) {
        // the 100-pod row where there is one, else the smallest fleet's
        perStore.merge(r.store(), r,
            (a, b) -> a.fleet() == 100 ? a : b.fleet() == 100 || b.fleet() < a.fleet() ? b : a);
      }
    }
    for (FleetResult r : perStore.values()) {
      line(sb, "secrets4j, " + r.store().replace("AWS Secrets Manager, ", ""), r.perPodHourTotal(),
          "measured, scenario 1 (fleet " + r.fleet() + ")");
    }
    // AWS's caching client: after its 1 h item TTL, one DescribeSecret per secret, and GetSecretValue on change only
    line(sb, "AWS caching client (1 h TTL)", secrets, "its design: one DescribeSecret per secret per TTL "
        + "(scenario 6 measures it)");
    // the Spring Cloud integrations: every secret read again every refresh
    line(sb, "polling every secret each 5-min cycle", secrets * 12.0, "GetSecretValue per secret per cycle");
    return sb.toString();
  }

  private static void line(StringBuilder sb, String who, double perPodHour, String source) {
    sb.append("| ").append(who).append(" | ").append(fmt(perPodHour))
        .append(" | ").append(dollars(perPodHour * 100)).append(" | ").append(dollars(perPodHour * 1000))
        .append(" | ").append(source).append(" |\n");
  }

  private static String dollars(double callsPerHour) {
    return String.format(Locale.ROOT, "$%,.2f", callsPerHour * HOURS_PER_MONTH * DOLLARS_PER_CALL);
  }

  private static String ops(Map<String, Double> calls) {
    String s = calls.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + " " + fmt(e.getValue())).collect(Collectors.joining(", "));
    return s.isEmpty() ? "none" : s;
  }

  static String fmt(double d) {
    return d >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.1f", d);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  private static String time(long seconds) {
    return seconds >= 120 ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60) : seconds + " s";
  }
}
