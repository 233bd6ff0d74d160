package dev.secrets4j.benchmarks.fleet;

import dev.secrets4j.spi.SecretSource;
import java.util.List;
import java.util.Map;

/**
 * One store under simulation: its local test server, with the store's published quotas enforced on the simulated
 * clock (or those quotas scaled to a sample of the fleet), and the sources its pods read it through, the provider's
 * real code over the official SDK.
 */
interface FleetStore extends AutoCloseable {

  /**
   * A request quota the server enforces: at most {@code limit} calls of {@code operations} per window. A sample's
   * share of it should hold at least {@code podBurst} calls a window: ten times what one pod sends at once (AWS: 5
   * {@code BatchGetSecretValue} for 100 secrets), so that a handful of sampled pods meeting in one short window do
   * not stand for the chance meetings of thousands, which average out.
   */
  record QuotaGroup(String name, List<String> operations, long limit, int windowSeconds, int podBurst) {
    QuotaGroup(String name, List<String> operations, long limit, int windowSeconds) {
      this(name, operations, limit, windowSeconds, 1);
    }

    /**
     * The same quota for a sample of {@code sample} pods standing for {@code fleet}: the limit scaled by
     * sample / fleet; where that is below {@code podBurst}, the window is stretched until it is not (the same rate
     * over a coarser window).
     */
    QuotaGroup scaled(int sample, int fleet) {
      long share = limit * sample / fleet;
      if (share >= podBurst) {
        return new QuotaGroup(name, operations, share, windowSeconds, podBurst);
      }
      long stretch = (podBurst * (long) fleet + limit * sample - 1) / (limit * sample);
      return new QuotaGroup(name, operations, limit * sample * stretch / fleet, (int) (windowSeconds * stretch),
          podBurst);
    }
  }

  /** The store and mode, for the table. */
  String label();

  /** The store's published quotas. */
  List<QuotaGroup> published();

  /** Enforces {@code quotas} from now on. */
  void enforce(List<QuotaGroup> quotas);

  /** Stores {@code names} with first values, without counting calls. */
  void seed(List<String> names);

  /** Stores a new current value of {@code name} as a rotation job would; returns its version id as sources see it. */
  String rotate(String name);

  /** One pod's source, with its own client; SDK retries off (their waits are wall-clock; the resolver's are not). */
  SecretSource podSource();

  /** Every call fails as in a store outage ({@code true}) or succeeds again. */
  void outage(boolean down);

  /** The operations this store counts, in table order. */
  List<String> operations();

  /** Calls per operation since the last reset, throttled ones included. */
  Map<String, Integer> calls();

  /** Calls answered with the store's throttling error since the last reset. */
  int throttled();

  /** Forgets the call counts. */
  void resetCalls();

  @Override
  void close();
}
