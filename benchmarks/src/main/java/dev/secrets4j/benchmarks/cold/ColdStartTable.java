package dev.secrets4j.benchmarks.cold;

import static dev.secrets4j.benchmarks.Figures.fmt;
import static dev.secrets4j.benchmarks.Figures.max;
import static dev.secrets4j.benchmarks.Figures.median;
import static dev.secrets4j.benchmarks.Figures.min;
import static dev.secrets4j.benchmarks.Figures.ms;
import static dev.secrets4j.benchmarks.Figures.pctOver;

import java.util.ArrayList;
import java.util.List;

/**
 * The cold-start rows of the benchmark table (scenario 7, one block per JVM) and the class census. A ratio is the
 * median of the ratios of the two processes of each run (paired), with their range.
 */
public final class ColdStartTable {
  private final List<ColdStart.OnJvm> results;
  private final boolean quick;
  private final ColdStart.Settings settings;

  ColdStartTable(List<ColdStart.OnJvm> results, boolean quick, ColdStart.Settings settings) {
    this.results = results;
    this.quick = quick;
    this.settings = settings;
  }

  /** How scenario 7 was measured, for under the table. */
  public String notes() {
    return "Scenario 7: each figure is one whole process, from its launch to its exit (`ProcessBuilder.start` to"
        + " `waitFor`), with the class path of its client only; the local Secrets Manager runs in a process of its"
        + " own (" + settings.storeLatencyMillis() + " ms a call); " + settings.runs() + " runs, each launching"
        + " every process once in an order rotated from run to run; a ratio is the median (and range) of the"
        + " ratios within each run. Store calls are those of the last run.\n";
  }

  /** Rows in the main table's columns: | # | scenario | secrets4j | peer | ratio | target | met? |. */
  public String rows() {
    StringBuilder sb = new StringBuilder();
    for (ColdStart.OnJvm j : results) {
      String on = " on " + j.version();
      row(sb, j, "7a", "JVM start to first secret" + on + ": one secret", ColdStart.S4J_ONE, ColdStart.SDK_ONE,
          1.05);
      row(sb, j, "7·", "(info)" + on + ": one secret, AWS's client", ColdStart.AWS_ONE, ColdStart.SDK_ONE, 0);
      row(sb, j, "7·", "(info)" + on + ": one secret, configured by a file", ColdStart.S4J_CONFIG,
          ColdStart.SDK_ONE, 0);
      row(sb, j, "7b", "JVM start to first secret" + on + ": 20 secrets", ColdStart.S4J_PRELOAD,
          ColdStart.SDK_BATCH_LIST, 1.0);
      row(sb, j, "7b", "JVM start to first secret" + on + ": 20 secrets, no prefix (tags listed by name)",
          ColdStart.S4J_PRELOAD_NO_PREFIX, ColdStart.SDK_BATCH_LIST, 1.0);
      row(sb, j, "7·", "(info)" + on + ": 20 secrets, the plain batch alone", ColdStart.S4J_PRELOAD,
          ColdStart.SDK_BATCH, 0);
      row(sb, j, "7·", "(info)" + on + ": 20 secrets, AWS's client", ColdStart.AWS_TWENTY, ColdStart.SDK_BATCH,
          0);
    }
    return sb.toString();
  }

  private void row(StringBuilder sb, ColdStart.OnJvm j, String id, String scenario, ColdStart.Mode mode,
      ColdStart.Mode peer, double target) {
    ColdStart.Measured a = j.byMode().get(mode.id());
    ColdStart.Measured b = j.byMode().get(peer.id());
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(a.millis().size(), b.millis().size()); i++) {
      ratios.add(a.millis().get(i) / b.millis().get(i));
    }
    double r = median(ratios);
    String met;
    if (target <= 0) {
      met = "—";
    } else if (quick) {
      met = "not judged (--quick)";
    } else {
      met = r <= target ? "yes" : "no (" + pctOver(r, target) + ")";
    }
    sb.append("| ").append(id).append(" | ").append(scenario).append(" | ").append(cell(mode, a)).append(" | ")
        .append(cell(peer, b)).append(" | ").append(fmt(r)).append("× (").append(fmt(min(ratios))).append("–")
        .append(fmt(max(ratios))).append(") | ").append(target <= 0 ? "—" : "≤ " + fmt(target) + "×")
        .append(" | ").append(met).append(" |\n");
  }

  private static String cell(ColdStart.Mode mode, ColdStart.Measured m) {
    return mode.label() + ": median " + ms(median(m.millis())) + " (" + ms(min(m.millis())) + "–"
        + ms(max(m.millis())) + ", " + m.millis().size() + " runs); store calls: " + m.calls();
  }

  /**
   * The timeline of secrets4j's one-secret process from its census run's log (one run, with class logging on: an
   * indication of where the time goes, not a measurement to compare across machines).
   */
  public String timeline() {
    StringBuilder sb = new StringBuilder();
    for (ColdStart.OnJvm j : results) {
      ClassCensus c = j.byMode().get(ColdStart.S4J_ONE.id()).census();
      if (c == null || c.marks().size() < ClassCensus.MARKS.size() + 1) {
        continue;
      }
      if (sb.length() == 0) {
        sb.append("| JVM | JVM start to secrets4j's first class | builder, detection, guards, provider lookup"
            + " | provider-aws starts building its SDK client (on a thread of its own); the guards are made"
            + " | resolver set-up and the read, until the SDK marshals its request (the SDK client's build ends in"
            + " this step) | the SDK's first call, the store calls, value guards, install, exit |\n"
            + "|---|---|---|---|---|---|\n");
      }
      List<Double> t = new ArrayList<>();
      for (String m : ClassCensus.MARKS) {
        t.add(c.marks().get(m));
      }
      t.add(c.marks().get(ClassCensus.END));
      sb.append("| ").append(j.version()).append(" | ").append(ms(t.get(0)));
      for (int i = 1; i < t.size(); i++) {
        sb.append(" | ").append(ms(t.get(i) - t.get(i - 1)));
      }
      sb.append(" |\n");
    }
    return sb.toString();
  }

  /**
   * Each process's time split as it measured it: launch to exit, making its client (SDK client, AWS's cache, or
   * the secrets4j resolver with its own SDK client), reading, and the rest (JVM start to {@code main}, and exit).
   */
  public String steps() {
    StringBuilder sb = new StringBuilder("| JVM | process | launch to exit | making the client | reading | JVM start"
        + " to `main`, and exit |\n|---|---|---|---|---|---|\n");
    for (ColdStart.OnJvm j : results) {
      for (ColdStart.Mode m : ColdStart.MODES) {
        ColdStart.Measured d = j.byMode().get(m.id());
        List<Double> rest = new ArrayList<>();
        for (int i = 0; i < d.millis().size(); i++) {
          rest.add(d.millis().get(i) - d.client().get(i) - d.read().get(i));
        }
        sb.append("| ").append(j.version()).append(" | ").append(m.label()).append(" | ")
            .append(ms(median(d.millis()))).append(" | ").append(ms(median(d.client()))).append(" | ")
            .append(ms(median(d.read()))).append(" | ").append(ms(median(rest))).append(" |\n");
      }
    }
    return sb.toString();
  }

  /** The classes each process loaded, by owner, where a census was taken. */
  public String census() {
    StringBuilder sb = new StringBuilder();
    for (ColdStart.OnJvm j : results) {
      if (j.byMode().values().iterator().next().census() == null) {
        continue;
      }
      if (sb.length() == 0) {
        sb.append("| JVM | process | classes loaded | of which from the JDK's archive |");
        for (String o : ClassCensus.OWNERS) {
          sb.append(' ').append(o).append(" |");
        }
        sb.append("\n|---|---|---|---|").append("---|".repeat(ClassCensus.OWNERS.size())).append('\n');
      }
      for (ColdStart.Mode m : ColdStart.MODES) {
        ClassCensus c = j.byMode().get(m.id()).census();
        sb.append("| ").append(j.version()).append(" | ").append(m.label()).append(" | ").append(c.total())
            .append(" | ").append(c.fromArchive()).append(" |");
        for (String o : ClassCensus.OWNERS) {
          sb.append(' ').append(c.byOwner().get(o)).append(" |");
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
