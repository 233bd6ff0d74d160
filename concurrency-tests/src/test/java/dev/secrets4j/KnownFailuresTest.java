package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Deterministic reproductions of what the concurrency tests found wrong in core, one scenario each, written as the
 * behaviour core should have. They fail today, so they are disabled with the reason; each names its fix (see also
 * the module README). Enable one when core is fixed: it must then pass.
 */
class KnownFailuresTest {

  /**
   * Lincheck (model checking and stress) found it: {@code refresh(name)} while the maintenance tick's refresh of the
   * same secret is in flight returns at once with the cached value, although the store rotated before the call. An
   * application that refreshes after an authentication failure gets the rejected credential back. Sequentially,
   * refresh always returns the store's current version; a linearizable refresh must wait for the refresh in flight
   * (or run its own after it) and return what it installed.
   */
  @Test
  void refresh_duringABackgroundRefresh_returnsTheStoresNewVersion() {
    MemoryStore store = new MemoryStore();
    store.put("api", "one");
    List<Runnable> held = new ArrayList<>();
    AtomicReference<Runnable> tick = new AtomicReference<>();
    StepTicker ticker = new StepTicker();
    try (Secrets secrets = Secrets.builder()
        .environment("development")
        .source(store)
        .ticker(ticker)
        .executor(held::add) // the background refresh is claimed, then waits here: "in flight"
        .manualMaintenance(tick::set)
        .refreshAfter(ManualResolver.REFRESH_AFTER)
        .refreshRateLimit(Duration.ZERO)
        .build()) {
      assertThat(secrets.get("api").versionId()).isEqualTo("v1");
      store.put("api", "two");
      ticker.advance(ManualResolver.STEP);
      tick.get().run();
      assertThat(held).hasSize(1);

      Secret refreshed = secrets.refresh("api", AccessContext.none());

      assertThat(refreshed.versionId()).isEqualTo("v2");
    }
  }

  /**
   * Lincheck model checking found it: {@code versions(name)} reads the current value (loading it on a miss) and then
   * asks the store for the previous version; an outage that starts between the two makes the whole call fail
   * {@code unavailable}, although it loaded and cached a value the next {@code get()} serves. No order of the two
   * operations explains that. Here the outage starts exactly between them (the store fails the PREVIOUS call). What
   * it should do: give the current version alone when the previous one cannot be read for a transient reason (and
   * ask again next time), as {@code get()} rides out an outage.
   */
  @Test
  void versions_whenAnOutageStartsBeforeThePreviousVersionIsRead_givesTheCurrentVersion() {
    MemoryStore store = new MemoryStore();
    store.put("api", "one");
    store.put("api", "two");
    SecretSource outageBeforePrevious = new SecretSource() {
      @Override
      public String id() {
        return store.id();
      }

      @Override
      public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
        if (selector.kind() == VersionSelector.Kind.PREVIOUS) {
          store.fail(); // the outage begins after the current value was read
        }
        return store.fetch(name, selector);
      }
    };
    try (Secrets secrets = Secrets.builder()
        .environment("development")
        .source(outageBeforePrevious)
        .ticker(new StepTicker())
        .executor(Runnable::run)
        .manualMaintenance(tick -> { })
        .build()) {
      List<Secret> versions = secrets.versions("api");

      assertThat(versions).extracting(Secret::versionId).containsExactly("v2");
      assertThat(secrets.get("api").versionId()).isEqualTo("v2");
    }
  }

  /**
   * The design's revocation contract: a definitive "no" from the store (NOT_FOUND, here from the refresh's cheap
   * version check) stops the cached value being served after a short revoked-grace. Core today treats it as an
   * outage and serves the value until maxStale (24 hours by default).
   */
  @Test
  void revokedSecret_isNoLongerServed_wellBeforeMaxStale() {
    MemoryStore store = new MemoryStore();
    store.put("api", "one");
    AtomicReference<Runnable> tick = new AtomicReference<>();
    StepTicker ticker = new StepTicker();
    try (Secrets secrets = Secrets.builder()
        .environment("development")
        .source(store)
        .ticker(ticker)
        .executor(Runnable::run)
        .manualMaintenance(tick::set)
        .refreshAfter(ManualResolver.REFRESH_AFTER)
        .build()) {
      secrets.get("api");
      store.revoke("api");
      for (int i = 0; i < 30; i++) { // an hour: far past any grace, far short of maxStale
        ticker.advance(ManualResolver.STEP);
        tick.get().run();
      }

      assertThatThrownBy(() -> secrets.get("api")).isInstanceOf(SecretNotFoundException.class);
    }
  }
}
