package dev.secrets4j.benchmarks.fleet;

import dev.secrets4j.SecretException;
import dev.secrets4j.test.FakeTicker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fleet scenarios, run in order on one fleet of pods: 3, a whole-fleet restart within 60 s; 1, a steady hour
 * with nothing rotated; 2, one rotation of one secret; 4, a 10-minute store outage and the minute after it. A fleet
 * larger than {@code maxPods} is simulated by a sample of {@code maxPods} pods against the store's quotas scaled by
 * sample / fleet: pods are alike and start at uniform random times, so the sample sees what a pod of the whole fleet
 * sees (the same share of each quota window), and the fleet's figures are the sample's per pod.
 */
final class FleetScenarios {
  static final Duration RESTART_SPREAD = Duration.ofSeconds(60);
  static final long RESTART_CAP_SECONDS = 1800;
  static final long ROTATION_CAP_SECONDS = 3600;
  static final long OUTAGE_SECONDS = 600;

  private FleetScenarios() {}

  /** The secret names of one pod. */
  static List<String> names(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(String.format("secret-%03d", i));
    }
    return names;
  }

  /** Runs the scenarios for a fleet of {@code fleet} pods with {@code secrets} secrets each. */
  static FleetResult run(Function<Clock, FleetStore> stores, int fleet, int maxPods, int secrets,
      Duration steady) {
    long wall = System.nanoTime();
    int pods = Math.min(fleet, maxPods);
    List<String> names = names(secrets);
    FakeTicker ticker = new FakeTicker();
    try (FleetStore store = stores.apply(ticker.clock()); Fleet f = new Fleet(store, names, ticker)) {
      List<FleetStore.QuotaGroup> quotas = new ArrayList<>();
      store.published().forEach(q -> quotas.add(pods == fleet ? q : q.scaled(pods, fleet)));
      store.enforce(quotas);
      store.seed(names);

      // 3: the whole fleet restarts within 60 s
      f.mark();
      long restartMark = f.second;
      f.addPods(pods, RESTART_SPREAD);
      while (!f.allReady() && f.second - restartMark < RESTART_CAP_SECONDS) {
        f.step();
      }
      long restart = f.allReady() ? f.pods.stream().mapToLong(p -> p.readySecond).max().orElse(0) - restartMark : -1;
      int ready = (int) f.pods.stream().filter(p -> p.ready).count();
      int restartThrottled = f.throttled;
      int failedPreloads = f.pods.stream().mapToInt(p -> p.failedPreloads).sum();
      long restartFailedReads = f.failedReads;
      String busiest = null;
      double restartPeak = -1;
      for (FleetStore.QuotaGroup q : quotas) {
        double share = f.peakShare(q, 0, f.perSecond.size());
        if (share > restartPeak) {
          restartPeak = share;
          busiest = q.name();
        }
      }
      f.run(600); // settle: the first refresh cycle after the start

      // 1: a steady hour (or the given span), nothing rotated
      f.mark();
      f.run(steady.toSeconds());
      double hours = steady.toSeconds() / 3600.0;
      Map<String, Double> perPodHour = new LinkedHashMap<>();
      f.totals().forEach((op, n) -> perPodHour.put(op, n / (pods * hours)));
      int steadyThrottled = f.throttled;
      long steadyFailed = f.failedReads;
      double steadyPeak = peak(f, quotas, 0, f.perSecond.size());

      // 2: one secret rotates
      f.mark();
      String rotated = names.get(Math.min(42, names.size() - 1));
      String id = store.rotate(rotated);
      long rotation = -1;
      while (f.perSecond.size() < ROTATION_CAP_SECONDS) {
        f.step();
        if (allServe(f, rotated, id)) {
          rotation = f.perSecond.size();
          break;
        }
      }
      Map<String, Double> rotationCalls = new LinkedHashMap<>();
      f.totals().forEach((op, n) -> rotationCalls.put(op, n / (double) pods));

      // 4: a 10-minute outage, then the first minute of recovery
      f.mark();
      store.outage(true);
      f.run(OUTAGE_SECONDS);
      double outageCalls = sum(f.totals()) / (double) pods;
      store.outage(false);
      int recoveryFrom = f.perSecond.size();
      f.run(60);
      double recoveryPeak = peak(f, quotas, recoveryFrom, f.perSecond.size());
      double recoveryCalls = 0;
      for (int i = recoveryFrom; i < f.perSecond.size(); i++) {
        recoveryCalls += sum(f.perSecond.get(i));
      }
      return new FleetResult(store.label(), fleet, pods, perPodHour, steadyThrottled, steadyFailed, steadyPeak,
          rotation, rotationCalls, restart, ready, restartThrottled, failedPreloads, restartFailedReads, restartPeak,
          f.failedReads, outageCalls, recoveryPeak, recoveryCalls / pods, busiest,
          (System.nanoTime() - wall) / 1e9);
    }
  }

  private static boolean allServe(Fleet f, String rotated, String id) {
    for (Fleet.Pod p : f.pods) {
      try {
        if (p.secrets == null || !id.equals(p.secrets.get(rotated).versionId())) {
          return false;
        }
      } catch (SecretException e) {
        return false;
      }
    }
    return true;
  }

  private static double peak(Fleet f, List<FleetStore.QuotaGroup> quotas, int from, int to) {
    double best = 0;
    for (FleetStore.QuotaGroup q : quotas) {
      best = Math.max(best, f.peakShare(q, from, to));
    }
    return best;
  }

  private static long sum(Map<String, Integer> calls) {
    return calls.values().stream().mapToLong(Integer::longValue).sum();
  }
}
