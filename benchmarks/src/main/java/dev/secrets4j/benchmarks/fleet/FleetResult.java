package dev.secrets4j.benchmarks.fleet;

import java.util.Map;

/**
 * What one store did for one fleet size, in the four simulated scenarios.
 *
 * @param store the store and mode
 * @param fleet the fleet size the row stands for
 * @param pods the pods that ran (all of the fleet, or a sample against quotas scaled by pods / fleet)
 * @param perPodHour scenario 1: calls per pod-hour by operation, nothing rotated
 * @param steadyThrottled scenario 1: throttled calls in the hour
 * @param steadyFailedReads scenario 1: reads that failed in the hour
 * @param steadyPeakShare scenario 1: the busiest quota window's use, as a share of its quota
 * @param rotationSeconds scenario 2: seconds until every pod served the new version; -1 when not within the cap
 * @param rotationCalls scenario 2: calls made from the rotation until every pod served it, by operation, per pod
 * @param restartSeconds scenario 3: seconds from the first pod's start until every pod had all secrets; -1 when not
 *     within the cap
 * @param restartReady scenario 3: pods ready at the end
 * @param restartThrottled scenario 3: throttled calls
 * @param restartFailedPreloads scenario 3: preload attempts that failed (retried by the start-up loop)
 * @param restartFailedReads scenario 3: reads by ready pods that failed
 * @param restartPeakShare scenario 3: the busiest quota window's use, as a share of its quota
 * @param outageFailedReads scenario 4: reads that failed during the 10-minute outage and the recovery
 * @param outageCalls scenario 4: calls made during the outage, per pod
 * @param recoveryPeakShare scenario 4: the busiest quota window in the first minute after recovery, as a share
 * @param recoveryCalls scenario 4: calls in the first minute after recovery, per pod
 * @param busiestQuota the quota the peak shares refer to (the one nearest its limit in scenario 3)
 * @param wallSeconds how long the simulation of this row took
 */
record FleetResult(String store, int fleet, int pods, Map<String, Double> perPodHour, int steadyThrottled,
    long steadyFailedReads, double steadyPeakShare, long rotationSeconds, Map<String, Double> rotationCalls,
    long restartSeconds, int restartReady, int restartThrottled, int restartFailedPreloads, long restartFailedReads,
    double restartPeakShare, long outageFailedReads, double outageCalls, double recoveryPeakShare,
    double recoveryCalls, String busiestQuota, double wallSeconds) {

  /** Calls per pod-hour, all operations. */
  double perPodHourTotal() {
    return perPodHour.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** True when the row measured every pod of the fleet. */
  boolean measured() {
    return pods == fleet;
  }
}
