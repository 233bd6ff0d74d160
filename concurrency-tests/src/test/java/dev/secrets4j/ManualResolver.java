package dev.secrets4j;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A resolver with nothing of its own running: the maintenance tick handed out, refreshes run inline on the ticking
 * (or refreshing) thread, time from a {@link StepTicker}, no audit hook. So every step of it happens on a thread the
 * test controls, and a test decides when time moves and when maintenance runs. The value guards are off.
 */
final class ManualResolver {
  /** How far one {@link #tick()} moves time: more than the longest refresh interval and backoff delay. */
  static final Duration STEP = Duration.ofMinutes(2);
  /** Refresh due 54 to 66 s after a load: always due at the next tick. */
  static final Duration REFRESH_AFTER = Duration.ofMinutes(1);
  /** A value last confirmed two ticks ago, with a failure since, is expired at the tick. */
  static final Duration MAX_STALE = Duration.ofSeconds(200);

  final MemoryStore store;
  final StepTicker ticker = new StepTicker();
  final Secrets secrets;
  private final Runnable maintenance;

  ManualResolver(MemoryStore store) {
    this.store = store;
    AtomicReference<Runnable> tick = new AtomicReference<>();
    this.secrets = Secrets.builder()
        .environment("development")
        .source(store)
        .ticker(ticker)
        .executor(Runnable::run)
        .manualMaintenance(tick::set)
        .refreshAfter(REFRESH_AFTER)
        .maxStale(MAX_STALE)
        .refreshRateLimit(Duration.ZERO)
        // the value and tag guards are pure functions of one value, tested in core; off here, so that model checking
        // spends its budget on interleavings rather than on regular expressions
        .guards().liveCredentials(GuardOptions.Mode.OFF).environmentTag(GuardOptions.Mode.OFF).and()
        .build();
    this.maintenance = tick.get();
  }

  /** Moves time by {@link #STEP} and runs one maintenance tick. */
  void tick() {
    ticker.advance(STEP);
    maintenance.run();
  }

  /** Runs one maintenance tick without moving time. */
  void tickNow() {
    maintenance.run();
  }

  /** The resolver's entry for {@code name}, if indexed (for tests of its package-private state). */
  Entry entry(String name) {
    return ((Resolver) secrets).indexed(name);
  }
}
