package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A preload whose bulk calls fail: a store that is down or throttling (TRANSIENT) is not asked again once per
 * secret, which would multiply the load on it by the number of secrets; a refusal of the bulk call itself (the
 * application may not list, or may not batch) is followed by reads one secret at a time, as before.
 */
class PreloadFailureTest {
  private final FakeTicker ticker = new FakeTicker();
  private final Ticks ticks = new Ticks();
  private final InMemorySecretSource store = InMemorySecretSource.create();
  @RegisterExtension final OpenResolvers open = new OpenResolvers();

  /** The in-memory store, whose batch reads and listings fail with a kind given by the test; calls counted. */
  private final class BulkFailing implements SecretSource {
    Kind batchFails;
    Kind listingFails;
    final AtomicInteger single = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();
    final AtomicInteger listings = new AtomicInteger();
    final AtomicInteger metadataReads = new AtomicInteger();

    @Override
    public String id() {
      return "memory:bulk-failing";
    }

    @Override
    public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
      single.incrementAndGet();
      return store.fetch(name, selector);
    }

    @Override
    public Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
      batches.incrementAndGet();
      if (batchFails != null) {
        throw new SecretSourceException(batchFails, "the batch call failed (" + batchFails + ")");
      }
      return store.fetchAll(names);
    }

    @Override
    public Map<String, SecretMetadata> metadataAll(Collection<String> names) throws SecretSourceException {
      listings.incrementAndGet();
      if (listingFails != null) {
        throw new SecretSourceException(listingFails, "the listing failed (" + listingFails + ")");
      }
      return Map.of();
    }

    @Override
    public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
      metadataReads.incrementAndGet();
      return store.metadata(name);
    }
  }

  private List<String> names(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      store.put("key-" + i, "v" + i);
      names.add("key-" + i);
    }
    return names;
  }

  private Secrets build(SecretSource source) {
    return open.build(Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance(ticks).source(source));
  }

  @Test
  void aBatchThatFailsTransiently_isNotRetriedOneSecretAtATime_andEverySecretIsNamed() {
    BulkFailing source = new BulkFailing();
    source.batchFails = Kind.TRANSIENT;
    Secrets secrets = build(source);
    List<String> names = names(40);

    assertThatThrownBy(() -> secrets.preload(names))
        .isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("40 of 40")
        .hasMessageContaining("key-0: the batch read failed transiently (the batch call failed (TRANSIENT))")
        .hasMessageContaining("key-39:")
        .hasMessageContaining("not retried one secret at a time");
    assertThat(source.batches).hasValue(2);
    assertThat(source.single).as("no call per secret").hasValue(0);
    assertThat(source.metadataReads).hasValue(0);

    // the store is back: a read loads on demand, and a second preload loads the rest in batches
    source.batchFails = null;
    assertThat(secrets.get("key-3").asString()).isEqualTo("v3");
    secrets.preload(names);
    assertThat(source.batches).hasValue(4);
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"ACCESS_DENIED", "PERMANENT"})
  void aBatchTheStoreRefuses_isFollowedByReadsOneSecretAtATime(Kind refusal) {
    BulkFailing source = new BulkFailing();
    source.batchFails = refusal;
    Secrets secrets = build(source);
    List<String> names = names(5);

    secrets.preload(names);

    assertThat(source.single).hasValue(5);
    assertThat(secrets.get("key-4").asString()).isEqualTo("v4");
  }

  @Test
  void aListingThatFailsTransiently_isNotFollowedByAMetadataReadPerSecret_andNoValueIsServedUnchecked() {
    BulkFailing source = new BulkFailing();
    source.listingFails = Kind.TRANSIENT;
    Secrets secrets = build(source);
    List<String> names = names(30);

    assertThatThrownBy(() -> secrets.preload(names))
        .isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("30 of 30")
        .hasMessageContaining("key-7: listing the tags the guards check failed transiently (the listing failed")
        .hasMessageContaining("not retried one secret at a time");
    assertThat(source.listings).hasValue(1);
    assertThat(source.metadataReads).as("no metadata read per secret").hasValue(0);
    assertThat(source.single).hasValue(0);
    assertThat(secrets.status().cachedSecrets()).as("nothing installed without its tags checked").isZero();
  }

  @Test
  void afterATransientListingFailure_theNextPreloadListsFirst_andReadsNoValueWhileTheListingStillFails() {
    BulkFailing source = new BulkFailing();
    source.listingFails = Kind.TRANSIENT;
    Secrets secrets = build(source);
    List<String> names = names(30);
    assertThatThrownBy(() -> secrets.preload(names)).isInstanceOf(SecretUnavailableException.class);
    assertThat(source.batches).as("the first preload reads values beside the listing").hasValue(2);

    assertThatThrownBy(() -> secrets.preload(names)).isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("30 of 30").hasMessageContaining("listing the tags the guards check failed");
    assertThat(source.listings).hasValue(2);
    assertThat(source.batches).as("no value read while the listing fails").hasValue(2);

    source.listingFails = null;
    secrets.preload(names);
    assertThat(source.listings).hasValue(3);
    assertThat(source.batches).hasValue(4);
    assertThat(secrets.status().cachedSecrets()).isEqualTo(30);
  }

  @Test
  void aListingTheStoreRefuses_isFollowedByMetadataReadsOneSecretAtATime() {
    BulkFailing source = new BulkFailing();
    source.listingFails = Kind.ACCESS_DENIED;
    Secrets secrets = build(source);
    List<String> names = names(6);

    secrets.preload(names);

    assertThat(source.metadataReads).hasValue(6);
    assertThat(source.single).hasValue(0);
    assertThat(secrets.get("key-5").asString()).isEqualTo("v5");
  }
}
