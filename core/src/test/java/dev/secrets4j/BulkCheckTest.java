package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A refresh of many secrets asks the source's bulk change check first and fetches only what it did not vouch for. */
class BulkCheckTest {
  private final Ticks ticks = new Ticks();
  private final FakeTicker ticker = new FakeTicker();
  private final ListingSource source = new ListingSource();
  private final List<String> told = new CopyOnWriteArrayList<>();
  @RegisterExtension final OpenResolvers open = new OpenResolvers();

  /** A source whose bulk check answers the ids in {@link #listed}, counting every kind of call. */
  static final class ListingSource implements SecretSource {
    final InMemorySecretSource store = InMemorySecretSource.create();
    final Map<String, String> listed = new ConcurrentHashMap<>();
    final AtomicReference<SecretSourceException> listingFails = new AtomicReference<>();
    final AtomicInteger listings = new AtomicInteger();
    final List<String> fetched = new CopyOnWriteArrayList<>();

    String put(String name, String value) {
      String id = store.put(name, value);
      listed.put(name, id);
      return id;
    }

    @Override
    public String id() {
      return "listing:test";
    }

    @Override
    public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
      fetched.add(name);
      return store.fetch(name, selector);
    }

    @Override
    public Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
      fetched.addAll(names);
      return store.fetchAll(names);
    }

    @Override
    public Map<String, String> currentVersionIds(Collection<String> names) throws SecretSourceException {
      listings.incrementAndGet();
      SecretSourceException e = listingFails.get();
      if (e != null) {
        throw e;
      }
      Map<String, String> out = new java.util.HashMap<>();
      for (String n : names) {
        String id = listed.get(n);
        if (id != null) {
          out.put(n, id);
        }
      }
      return out;
    }
  }

  private Secrets build() {
    Secrets secrets = open.build(Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance(ticks).source(source));
    secrets.onRotation((n, o, c) -> told.add("rotated " + n));
    return secrets;
  }

  private Secrets loaded(int count) {
    for (int i = 0; i < count; i++) {
      source.put("s" + i, "v" + i);
    }
    Secrets secrets = build();
    secrets.preload(names(count));
    source.fetched.clear();
    source.listings.set(0);
    return secrets;
  }

  private static List<String> names(int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> "s" + i).toList();
  }

  private void after(Duration d) {
    ticker.advance(d);
    ticks.run();
  }

  @Test
  void unchangedSecrets_areConfirmedByOneBulkCheck_withoutFetchingAValue() {
    Secrets secrets = loaded(5);
    after(Duration.ofMinutes(6));
    assertThat(source.listings).hasValue(1);
    assertThat(source.fetched).isEmpty();
    assertThat(secrets.get("s3").asString()).isEqualTo("v3");
  }

  @Test
  void aRotatedSecret_isTheOnlyOneFetched_andIsAnnounced() {
    Secrets secrets = loaded(5);
    source.put("s2", "new");
    after(Duration.ofMinutes(6));
    assertThat(source.fetched).containsExactly("s2");
    assertThat(secrets.get("s2").asString()).isEqualTo("new");
    assertThat(told).containsExactly("rotated s2");
  }

  @Test
  void aSecretAbsentFromTheBulkAnswer_isFetched_andADeletionRunsTheRevocationPath() {
    Secrets secrets = loaded(4);
    source.store.delete("s1");
    source.listed.remove("s1");
    after(Duration.ofMinutes(6));
    assertThat(source.fetched).containsExactly("s1");
    after(Duration.ofSeconds(16));
    after(Duration.ofSeconds(16));
    assertThatThrownBy(() -> secrets.get("s1")).isInstanceOf(SecretNotFoundException.class);
    assertThat(secrets.get("s0").asString()).isEqualTo("v0");
  }

  @Test
  void aTransientBulkCheckFailure_fetchesNothing_andServesTheLastGoodValues() {
    Secrets secrets = loaded(3);
    source.listingFails.set(new SecretSourceException(Kind.TRANSIENT, "store down"));
    after(Duration.ofMinutes(6));
    assertThat(source.fetched).as("no value read piles onto a store that is down").isEmpty();
    assertThat(secrets.get("s0").asString()).isEqualTo("v0");
    assertThat(secrets.status().staleSecrets()).hasSize(3);
  }

  @Test
  void aDefinitiveBulkCheckRefusal_fetchesEverySecret() {
    loaded(3);
    source.listingFails.set(new SecretSourceException(Kind.ACCESS_DENIED, "may not list"));
    after(Duration.ofMinutes(6));
    assertThat(source.fetched).containsExactlyInAnyOrder("s0", "s1", "s2");
  }

  @Test
  void afterADefinitiveRefusal_theBulkCheckDoesNotVouchForTheSecrets_onlyTheirValuesProveThemBack() {
    loaded(3);
    Map<String, String> ids = Map.copyOf(source.listed);
    source.store.failWith(Kind.ACCESS_DENIED);
    source.listed.clear(); // the store refuses every value read: revocation pending for each
    after(Duration.ofMinutes(6));
    source.listed.putAll(ids); // the listing vouches for the old ids again, while values stay refused
    source.fetched.clear();
    after(Duration.ofSeconds(16));
    assertThat(source.fetched).as("the refused secrets are read, not vouched for")
        .containsOnly("s0", "s1", "s2");
  }

  @Test
  void aBatchSharesOneDueTime_soEachCycleIsOneBulkCheck() {
    loaded(50);
    for (int s = 0; s < 3600; s++) {
      after(Duration.ofSeconds(1));
    }
    // refreshAfter 5 min ± 10 %: 12 cycles an hour; per-entry due times would split each cycle into groups
    assertThat(source.listings.get()).isBetween(10, 14);
    assertThat(source.fetched).isEmpty();
  }

  @Test
  void afterAnOutage_aPodsSecretsComeBackInOneBatch_notOnePerRetry() {
    loaded(40);
    after(Duration.ofMinutes(5).minusSeconds(40)); // just before the first cycle
    source.listingFails.set(new SecretSourceException(Kind.TRANSIENT, "store down"));
    for (int s = 0; s < 600; s++) {
      after(Duration.ofSeconds(1));
    }
    int duringOutage = source.listings.get();
    source.listingFails.set(null);
    source.listings.set(0);
    for (int s = 0; s < 120; s++) {
      after(Duration.ofSeconds(1));
    }
    // backoff jitter alone (±20 % of up to 60 s) would spread 40 retries over many ticks, one call each
    assertThat(source.listings.get()).as("bulk checks in the two minutes after recovery").isBetween(1, 2);
    assertThat(duringOutage).as("one call per backoff step, not per secret").isLessThan(25);
    assertThat(source.fetched).isEmpty();
  }
}
