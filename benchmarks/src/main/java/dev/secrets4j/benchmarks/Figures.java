package dev.secrets4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the tables write numbers, and the few statistics they take. */
public final class Figures {
  private Figures() {}

  /** Three significant figures or so: {@code 512}, {@code 42.7}, {@code 3.46}; {@code n/a} for NaN. */
  public static String fmt(double x) {
    if (Double.isNaN(x)) {
      return "n/a";
    }
    double a = Math.abs(x);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", x);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", x);
    }
    return String.format(Locale.ROOT, "%.2f", x);
  }

  public static String ms(double ms) {
    return fmt(ms) + " ms";
  }

  public static String nanos(double ns) {
    if (ns >= 1e6) {
      return fmt(ns / 1e6) + " ms";
    }
    if (ns >= 1e4) {
      return fmt(ns / 1e3) + " µs";
    }
    return fmt(ns) + " ns";
  }

  /** {@code 12% over}. */
  public static String pctOver(double x, double limit) {
    return String.format(Locale.ROOT, "%.0f%% over", 100 * (x - limit) / limit);
  }

  public static double median(List<Double> xs) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(xs);
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  public static double min(List<Double> xs) {
    double m = Double.NaN;
    for (double x : xs) {
      m = Double.isNaN(m) || x < m ? x : m;
    }
    return m;
  }

  public static double max(List<Double> xs) {
    double m = Double.NaN;
    for (double x : xs) {
      m = Double.isNaN(m) || x > m ? x : m;
    }
    return m;
  }
}
