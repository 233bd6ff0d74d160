package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.TestSources.GatedSource;
import dev.secrets4j.TestSources.RecordingHook;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResolverTest {
  private final Ticks ticks = new Ticks();
  private final FakeTicker ticker = new FakeTicker();
  private final InMemorySecretSource store = InMemorySecretSource.create();
  @RegisterExtension final OpenResolvers open = new OpenResolvers();

  private SecretsBuilder builder() {
    return Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance(ticks);
  }

  private Secrets build(SecretsBuilder b) {
    return open.build(b);
  }

  @Test
  void hit_returnsTheCachedValue_withoutAStoreCall() {
    store.put("api-key", "one");
    Secrets secrets = build(builder().source(store));
    assertThat(secrets.get("api-key").asString()).isEqualTo("one");
    assertThat(secrets.get("api-key").asString()).isEqualTo("one");
    assertThat(store.fetchCount()).isEqualTo(1);
  }

  @Test
  void reader_getsTheOldValue_whileARefreshIsBlockedInTheStore() throws Exception {
    GatedSource source = new GatedSource();
    source.store.put("api-key", "old");
    ExecutorService refresher = Executors.newSingleThreadExecutor();
    try {
      Secrets secrets = build(Secrets.builder().environment("development").ticker(ticker)
          .clock(ticker.clock()).executor(refresher).manualMaintenance(ticks).source(source));
      assertThat(secrets.get("api-key").asString()).isEqualTo("old");
      CountDownLatch rotated = new CountDownLatch(1);
      secrets.onRotation("api-key", (n, o, c) -> rotated.countDown());
      source.store.put("api-key", "new");
      source.close(1);
      ticker.advance(Duration.ofMinutes(6));
      ticks.run();
      assertThat(source.awaitEntered()).as("refresh reached the store").isTrue();
      // the refresh is now blocked inside the store call
      for (int i = 0; i < 1000; i++) {
        assertThat(secrets.get("api-key").asString()).isEqualTo("old");
      }
      source.open();
      assertThat(rotated.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(secrets.get("api-key").asString()).isEqualTo("new");
    } finally {
      refresher.shutdownNow();
    }
  }

  @Test
  void sixtyFourThreadsMissingOneSecret_makeExactlyOneStoreCall() throws Exception {
    GatedSource source = new GatedSource();
    source.store.put("db-password", "pw");
    Secrets secrets = build(builder().source(source));
    source.close(1);
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      CountDownLatch ready = new CountDownLatch(64);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> {
          ready.countDown();
          return secrets.get("db-password").asString();
        }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(source.awaitEntered()).isTrue();
      source.open();
      for (Future<String> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("pw");
      }
      assertThat(source.fetches.get()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void storeDown_servesLastGoodValue_untilMaxStale_thenFailsNamingSecretAndSource() {
    store.put("api-key", "good");
    Secrets secrets = build(builder().source(store).maxStale(Duration.ofHours(1)));
    secrets.get("api-key");
    store.failWith(Kind.TRANSIENT);
    for (int minute = 0; minute < 55; minute += 5) {
      ticker.advance(Duration.ofMinutes(5));
      ticks.run();
      assertThat(secrets.get("api-key").asString()).isEqualTo("good");
    }
    ticker.advance(Duration.ofMinutes(10));
    ticks.run();
    assertThatThrownBy(() -> secrets.get("api-key"))
        .isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("api-key")
        .hasMessageContaining(store.id())
        .hasMessageContaining("maxStale");
    store.recover();
    ticker.advance(Duration.ofMinutes(2));
    assertThat(secrets.get("api-key").asString()).isEqualTo("good");
  }

  @Test
  void refreshFailures_backOffExponentially_notOnEveryTick() {
    store.put("api-key", "good");
    Secrets secrets = build(builder().source(store));
    secrets.get("api-key");
    store.failWith(Kind.TRANSIENT);
    ticker.advance(Duration.ofMinutes(6));
    long before = store.fetchCount();
    // one maintenance tick a second for ten minutes
    for (int s = 0; s < 600; s++) {
      ticker.advance(Duration.ofSeconds(1));
      ticks.run();
    }
    long attempts = store.fetchCount() - before;
    // 1, 2, 4, 8, 16, 32, 60, 60, ... seconds (±20%): about 14 attempts in 600 s, never 600
    assertThat(attempts).isBetween(8L, 20L);
  }

  @Test
  void aStoresRetryAfter_isHonoured_beyondTheBackoff() {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    dev.secrets4j.spi.SecretSource throttled = new dev.secrets4j.spi.SecretSource() {
      @Override
      public String id() {
        return "memory:throttled";
      }

      @Override
      public dev.secrets4j.spi.SecretVersion fetch(String n, dev.secrets4j.spi.VersionSelector v)
          throws dev.secrets4j.spi.SecretSourceException {
        calls.incrementAndGet();
        throw new dev.secrets4j.spi.SecretSourceException(Kind.TRANSIENT, "throttled")
            .retryAfter(Duration.ofMinutes(2));
      }
    };
    Secrets secrets = build(builder().source(throttled));
    assertThatThrownBy(() -> secrets.get("api-key")).isInstanceOf(SecretUnavailableException.class);
    ticker.advance(Duration.ofSeconds(90)); // well past the 1 s backoff, short of the 2 min asked for
    assertThatThrownBy(() -> secrets.get("api-key")).isInstanceOf(SecretUnavailableException.class);
    assertThat(calls.get()).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> secrets.get("api-key")).isInstanceOf(SecretUnavailableException.class);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void notFound_isNotRetriedInALoop() {
    Secrets secrets = build(builder().source(store));
    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(() -> secrets.get("missing")).isInstanceOf(SecretNotFoundException.class)
          .hasMessageContaining("missing").hasMessageContaining(store.id());
    }
    assertThat(store.fetchCount()).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> secrets.get("missing")).isInstanceOf(SecretNotFoundException.class);
    assertThat(store.fetchCount()).isEqualTo(2);
  }

  @Test
  void notFoundOnRefresh_isConfirmedOnceWithinTheGrace_thenNotServed_andNotPolledInTheBackground() {
    store.put("api-key", "good");
    Secrets secrets = build(builder().source(store));
    secrets.get("api-key");
    store.delete("api-key");
    ticker.advance(Duration.ofMinutes(6));
    ticks.run();
    long after = store.fetchCount();
    assertThat(secrets.get("api-key").asString()).as("inside the revocation grace").isEqualTo("good");
    for (int s = 0; s < 120; s++) {
      ticker.advance(Duration.ofSeconds(1));
      ticks.run();
    }
    assertThat(store.fetchCount()).as("one confirming call, then none").isEqualTo(after + 1);
    assertThatThrownBy(() -> secrets.get("api-key")).isInstanceOf(SecretNotFoundException.class);
  }

  @Test
  void rotation_callsTheListenerOncePerVersionChange_withOldAndNewIds() {
    String v1 = store.put("signing-key", "k1");
    Secrets secrets = build(builder().source(store));
    List<String> calls = new ArrayList<>();
    secrets.onRotation("signing-key", (n, o, c) -> calls.add(n + ":" + o + "->" + c));
    List<String> all = new ArrayList<>();
    secrets.onRotation((n, o, c) -> all.add(n));
    secrets.get("signing-key");
    ticker.advance(Duration.ofMinutes(6));
    ticks.run(); // same version: no call
    String v2 = store.put("signing-key", "k2");
    ticker.advance(Duration.ofMinutes(6));
    ticks.run();
    ticker.advance(Duration.ofMinutes(6));
    ticks.run(); // unchanged again
    assertThat(calls).containsExactly("signing-key:" + v1 + "->" + v2);
    assertThat(all).containsExactly("signing-key");
    assertThat(secrets.versions("signing-key")).extracting(Secret::asString).containsExactly("k2", "k1");
    assertThat(secrets.versions("signing-key")).extracting(Secret::versionId).containsExactly(v2, v1);
  }

  @Test
  void versions_afterARotation_askAStoreWithHistory_soADisabledVersionIsNotServed() {
    String v1 = store.put("jwt-key", "a");
    Secrets secrets = build(builder().source(store).refreshRateLimit(Duration.ZERO));
    secrets.get("jwt-key");
    store.put("jwt-key", "b");
    secrets.refresh("jwt-key");
    store.disable("jwt-key", v1);
    assertThat(secrets.versions("jwt-key")).extracting(Secret::asString).containsExactly("b");
  }

  @Test
  void versions_afterARotation_keepTheReplacedValue_whenTheStoreHasNoHistory() {
    java.util.Map<String, String> env = new java.util.concurrent.ConcurrentHashMap<>(java.util.Map.of("JWT_KEY", "a"));
    Secrets secrets = build(builder().source(new dev.secrets4j.internal.EnvSecretSource(env, ""))
        .refreshRateLimit(Duration.ZERO));
    assertThat(secrets.versions("jwt-key")).extracting(Secret::asString).containsExactly("a");
    env.put("JWT_KEY", "b");
    secrets.refresh("jwt-key");
    assertThat(secrets.versions("jwt-key")).extracting(Secret::asString).containsExactly("b", "a");
  }

  @Test
  void versions_fetchesThePreviousVersionOnce_whenNoRotationWasSeen() {
    store.put("jwt-key", "a");
    store.put("jwt-key", "b");
    Secrets secrets = build(builder().source(store));
    assertThat(secrets.versions("jwt-key")).extracting(Secret::asString).containsExactly("b", "a");
    long calls = store.fetchCount();
    secrets.versions("jwt-key");
    assertThat(store.fetchCount()).isEqualTo(calls);
  }

  @Test
  void refresh_reloadsNow_butIsRateLimited() {
    store.put("api-key", "one");
    Secrets secrets = build(builder().source(store).refreshRateLimit(Duration.ofSeconds(10)));
    secrets.get("api-key");
    store.put("api-key", "two");
    assertThat(secrets.refresh("api-key").asString()).isEqualTo("two");
    store.put("api-key", "three");
    assertThat(secrets.refresh("api-key").asString()).as("within the rate limit").isEqualTo("two");
    ticker.advance(Duration.ofSeconds(11));
    assertThat(secrets.refresh("api-key").asString()).isEqualTo("three");
  }

  @Test
  void fieldNames_readOneFieldOfAJsonSecret_andFollowRotation() {
    store.put("database-credentials", "{\"username\":\"app\",\"password\":\"p1\"}");
    Secrets secrets = build(builder().source(store));
    assertThat(secrets.get("database-credentials#password").asString()).isEqualTo("p1");
    assertThat(secrets.get("database-credentials#username").asString()).isEqualTo("app");
    store.put("database-credentials", "{\"username\":\"app\",\"password\":\"p2\"}");
    ticker.advance(Duration.ofMinutes(6));
    ticks.run();
    assertThat(secrets.get("database-credentials#password").asString()).isEqualTo("p2");
    assertThat(store.fetchCount()).isEqualTo(2);
    assertThatThrownBy(() -> secrets.get("database-credentials#port"))
        .isInstanceOf(SecretNotFoundException.class).hasMessageContaining("port");
  }

  @Test
  void refreshesOfManySecrets_areBatched() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      store.put("key-" + i, "v" + i);
      names.add("key-" + i);
    }
    Secrets secrets = build(builder().source(store));
    secrets.preload(names);
    assertThat(store.batchFetchCount()).as("batches of 20").isEqualTo(5);
    assertThat(store.fetchCount()).isZero();
    // an hour of maintenance ticks, nothing rotated
    for (int s = 0; s < 3600; s += 1) {
      ticker.advance(Duration.ofSeconds(1));
      ticks.run();
    }
    long calls = store.fetchCount() + store.batchFetchCount() - 5;
    // fetching each secret at each 5-minute refresh would be 100 x 12 = 1200 calls
    assertThat(calls).isLessThanOrEqualTo(1200 / 4);
    assertThat(secrets.get("key-7").asString()).isEqualTo("v7");
  }

  @Test
  void preload_readsMetadataForTheGuardsConcurrently_notOneAfterAnother() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      store.put("key-" + i, "v" + i);
      names.add("key-" + i);
    }
    CountDownLatch eightAtOnce = new CountDownLatch(8);
    dev.secrets4j.spi.SecretSource slowMetadata = new dev.secrets4j.spi.SecretSource() {
      @Override
      public String id() {
        return "memory:slow-metadata";
      }

      @Override
      public dev.secrets4j.spi.SecretVersion fetch(String n, dev.secrets4j.spi.VersionSelector v)
          throws dev.secrets4j.spi.SecretSourceException {
        return store.fetch(n, v);
      }

      @Override
      public java.util.Map<String, dev.secrets4j.spi.SecretVersion> fetchAll(java.util.Collection<String> n)
          throws dev.secrets4j.spi.SecretSourceException {
        return store.fetchAll(n);
      }

      @Override
      public java.util.Optional<dev.secrets4j.spi.SecretMetadata> metadata(String n) {
        eightAtOnce.countDown();
        try {
          // returns only once eight calls are in flight together: a serial preload would never get there
          if (!eightAtOnce.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("metadata reads are not concurrent");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return java.util.Optional.empty();
      }
    };
    Secrets secrets = build(builder().source(slowMetadata));
    secrets.preload(names);
    assertThat(secrets.get("key-39").asString()).isEqualTo("v39");
    assertThat(store.fetchCount()).as("no one-by-one fallback").isZero();
  }

  @Test
  void preload_namesEverySecretItCouldNotLoad() {
    store.put("a", "1");
    Secrets secrets = build(builder().source(store));
    assertThatThrownBy(() -> secrets.preload(List.of("a", "b", "c")))
        .isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("b:").hasMessageContaining("c:").hasMessageContaining("2 of 3");
    assertThat(secrets.get("a").asString()).isEqualTo("1");
  }

  @Test
  void boundedSize_evictsBeyondTheMaximum() {
    for (int i = 0; i < 50; i++) {
      store.put("k" + i, "v");
    }
    Secrets secrets = build(builder().source(store).maximumSize(10));
    for (int i = 0; i < 50; i++) {
      secrets.get("k" + i);
    }
    long loads = store.fetchCount();
    for (int i = 0; i < 50; i++) {
      secrets.get("k" + i);
    }
    assertThat(store.fetchCount()).as("evicted secrets were loaded again").isGreaterThan(loads);
  }

  @Test
  void fieldsOfAnEvictedSecret_followTheReloadedSecret() {
    store.put("db", "{\"password\":\"p1\"}");
    for (int i = 0; i < 30; i++) {
      store.put("k" + i, "v");
    }
    Secrets secrets = build(builder().source(store).maximumSize(5));
    assertThat(secrets.get("db#password").asString()).isEqualTo("p1");
    for (int i = 0; i < 30; i++) {
      secrets.get("k" + i);
    }
    store.put("db", "{\"password\":\"p2\"}");
    assertThat(secrets.get("db#password").asString()).isEqualTo("p2");
    assertThat(secrets.get("db#password").asString()).isEqualTo("p2");
  }

  @Test
  void close_zeroesTheSecretsItHandedOut() {
    store.put("api-key", "one");
    Secrets secrets = build(builder().source(store));
    Secret s = secrets.get("api-key");
    Secret copy = s.copy();
    assertThatThrownBy(s::destroy).isInstanceOf(IllegalStateException.class).hasMessageContaining("copy()");
    secrets.close();
    assertThat(s.isDestroyed()).isTrue();
    assertThatThrownBy(s::asString).isInstanceOf(IllegalStateException.class);
    assertThat(copy.asString()).isEqualTo("one");
    assertThatThrownBy(() -> secrets.get("api-key")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void audit_hooksRunOffTheReadersThread_soASlowHookDoesNotSlowGet() throws Exception {
    store.put("api-key", "one");
    CountDownLatch hookEntered = new CountDownLatch(1);
    CountDownLatch releaseHook = new CountDownLatch(1);
    AuditHook slow = e -> {
      hookEntered.countDown();
      try {
        releaseHook.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    };
    Secrets secrets = build(builder().source(store).auditHook(slow).auditEveryHit());
    try {
      secrets.get("api-key");
      assertThat(hookEntered.await(10, TimeUnit.SECONDS)).isTrue();
      // the hook is blocked; reads still complete on this thread
      for (int i = 0; i < 100; i++) {
        assertThat(secrets.get("api-key").asString()).isEqualTo("one");
      }
    } finally {
      releaseHook.countDown();
    }
  }

  @Test
  void audit_fullQueue_dropsAndCountsEvents_insteadOfBlocking() throws Exception {
    store.put("api-key", "one");
    CountDownLatch release = new CountDownLatch(1);
    RecordingHook recording = new RecordingHook();
    AuditHook blocked = new AuditHook() {
      @Override
      public void record(AuditEvent e) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void dropped(long count) {
        recording.dropped(count);
      }
    };
    Secrets secrets = build(builder().source(store).auditHook(blocked).auditEveryHit().auditQueueSize(4));
    for (int i = 0; i < 50; i++) {
      secrets.get("api-key");
    }
    assertThat(secrets.status().droppedAuditEvents()).isGreaterThanOrEqualTo(40);
    release.countDown();
    ticks.run();
    assertThat(recording.dropped.get()).isGreaterThanOrEqualTo(40);
  }
}
