package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.TestSources.RecordingHook;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store's definitive "no" stops the value after the revocation grace; only transient failures are ridden out. */
class RevocationTest {
  private final Ticks ticks = new Ticks();
  private final FakeTicker ticker = new FakeTicker();
  private final InMemorySecretSource store = InMemorySecretSource.create();
  private final RecordingHook hook = new RecordingHook();
  private final List<String> told = new CopyOnWriteArrayList<>();
  @RegisterExtension final OpenResolvers open = new OpenResolvers();

  private Secrets build(SecretSource source) {
    Secrets secrets = open.build(Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance(ticks).auditHook(hook).auditEveryHit().source(source));
    secrets.onRotation(new RotationListener() {
      @Override
      public void onRotation(String name, String previous, String current) {
        told.add("rotated " + name + " " + previous + "->" + current);
      }

      @Override
      public void onRevocation(String name, String versionId) {
        told.add("revoked " + name + " " + versionId);
      }
    });
    return secrets;
  }

  /** Moves time on by {@code d} and runs one maintenance tick (which also runs due refreshes, inline). */
  private void after(Duration d) {
    ticker.advance(d);
    ticks.run();
  }

  /** Closes {@code secrets} (which delivers every audit event) and returns the events of {@code outcome}. */
  private List<AuditEvent> events(Secrets secrets, Outcome outcome) {
    secrets.close();
    return hook.events.stream().filter(e -> e.outcome() == outcome).toList();
  }

  @Test
  void deletedSecret_isServedThroughTheGrace_thenRefused_withOneRevokedEventAndOneCallback() {
    String id = store.put("api-key", "v1");
    Secrets secrets = build(store);
    secrets.get("api-key");
    store.delete("api-key");
    after(Duration.ofMinutes(6)); // the refresh hears NOT_FOUND
    assertThat(secrets.get("api-key").asString()).as("inside the grace").isEqualTo("v1");
    after(Duration.ofSeconds(20)); // the confirming call hears NOT_FOUND again
    assertThat(secrets.get("api-key").asString()).as("still inside the 30 s grace").isEqualTo("v1");
    after(Duration.ofSeconds(11));
    assertThatThrownBy(() -> secrets.get("api-key")).isInstanceOf(SecretNotFoundException.class)
        .hasMessageContaining("api-key");
    assertThatThrownBy(() -> secrets.get("api-key#field")).isInstanceOf(SecretException.class);
    after(Duration.ofSeconds(60));
    assertThat(secrets.status().unavailableSecrets()).containsExactly("api-key");
    assertThat(events(secrets, Outcome.REVOKED)).hasSize(1).first()
        .satisfies(e -> assertThat(e.versionId()).contains(id))
        .satisfies(e -> assertThat(e.detail()).hasValueSatisfying(d -> assertThat(d).startsWith("NOT_FOUND")));
    assertThat(told).containsExactly("revoked api-key " + id);
  }

  @Test
  void accessDenied_andPermanent_revokeLikeNotFound() {
    store.put("a", "1");
    Secrets secrets = build(store);
    secrets.get("a");
    store.failWith(Kind.ACCESS_DENIED);
    after(Duration.ofMinutes(6));
    after(Duration.ofSeconds(31));
    assertThatThrownBy(() -> secrets.get("a")).isInstanceOf(SecretAccessDeniedException.class);

    InMemorySecretSource other = InMemorySecretSource.create();
    other.put("b", "2");
    Secrets second = build(other);
    second.get("b");
    other.failWith(Kind.PERMANENT);
    after(Duration.ofMinutes(6));
    after(Duration.ofSeconds(31));
    assertThatThrownBy(() -> second.get("b")).isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("refused it definitively").hasMessageContaining("revokedGrace");
  }

  @Test
  void transientFailure_isRiddenOut_pastTheGrace_andNeverAudited_asRevoked() {
    store.put("a", "1");
    Secrets secrets = build(store);
    secrets.get("a");
    store.failWith(Kind.TRANSIENT);
    for (int i = 0; i < 20; i++) {
      after(Duration.ofMinutes(6));
    }
    assertThat(secrets.get("a").asString()).isEqualTo("1");
    assertThat(events(secrets, Outcome.REVOKED)).isEmpty();
    assertThat(told).isEmpty();
  }

  @Test
  void graceCounts_fromTheFirstDefinitiveAnswer_notFromTheStartOfAnOutage() {
    store.put("a", "1");
    Secrets secrets = build(store);
    secrets.get("a");
    store.failWith(Kind.TRANSIENT);
    after(Duration.ofMinutes(6));
    after(Duration.ofHours(1));
    store.recover();
    store.delete("a");
    after(Duration.ofMinutes(2)); // the next attempt hears NOT_FOUND: the grace starts now
    assertThat(secrets.get("a").asString()).isEqualTo("1");
    after(Duration.ofSeconds(31));
    assertThatThrownBy(() -> secrets.get("a")).isInstanceOf(SecretNotFoundException.class);
  }

  @Test
  void theStoreServingTheValueAgain_withinTheGrace_cancelsTheRevocation() {
    store.put("a", "1");
    Secrets secrets = build(store);
    secrets.get("a");
    store.failWith(Kind.ACCESS_DENIED);
    after(Duration.ofMinutes(6));
    store.recover(); // the access change was rolled back
    after(Duration.ofSeconds(16)); // the confirming call is answered
    after(Duration.ofSeconds(30));
    assertThat(secrets.get("a").asString()).isEqualTo("1");
    assertThat(events(secrets, Outcome.REVOKED)).isEmpty();
  }

  @Test
  void aCheapCheck_cannotMaskARefusalOfTheValue() {
    // the metadata path still answers the old version id while the value path is refused (AWS: DescribeSecret
    // allowed, GetSecretValue revoked): once the store said no, only the value proves it back
    CheapCheckSource source = new CheapCheckSource();
    source.store.put("a", "1");
    Secrets secrets = build(source);
    String id = secrets.get("a").versionId();
    source.cheapAnswer.set(new SecretSourceException(Kind.ACCESS_DENIED, "denied once"));
    source.store.failWith(Kind.ACCESS_DENIED);
    after(Duration.ofMinutes(6)); // the cheap check is refused: revocation pending
    source.cheapAnswer.set(null); // the cheap check now answers the old id again
    after(Duration.ofSeconds(16));
    after(Duration.ofSeconds(16));
    assertThatThrownBy(() -> secrets.get("a")).isInstanceOf(SecretAccessDeniedException.class);
    assertThat(told).containsExactly("revoked a " + id);
  }

  @Test
  void aBatchRefusedAsAWhole_isAskedSecretBySecret_andRevokesOnlyWhatTheStoreRefuses() {
    BatchRefusingSource source = new BatchRefusingSource();
    for (int i = 0; i < 3; i++) {
      source.store.put("s" + i, "v" + i);
    }
    Secrets secrets = build(source);
    secrets.preload(List.of("s0", "s1", "s2"));
    source.store.delete("s1");
    after(Duration.ofMinutes(6));
    after(Duration.ofSeconds(16));
    after(Duration.ofSeconds(16));
    assertThat(secrets.get("s0").asString()).isEqualTo("v0");
    assertThat(secrets.get("s2").asString()).isEqualTo("v2");
    assertThatThrownBy(() -> secrets.get("s1")).isInstanceOf(SecretNotFoundException.class);
  }

  @Test
  void aRotationDuringAnOutage_thatOutlivedMaxStale_isAnnouncedOnce_byTheLoadThatFindsIt() {
    String v1 = store.put("a", "1");
    Secrets secrets = open.build(Secrets.builder().environment("development").ticker(ticker)
        .clock(ticker.clock()).executor(Runnable::run).manualMaintenance(ticks).auditHook(hook)
        .maxStale(Duration.ofMinutes(30)).source(store));
    secrets.onRotation((n, o, c) -> told.add("rotated " + n + " " + o + "->" + c));
    secrets.get("a");
    store.failWith(Kind.TRANSIENT);
    String v2 = store.put("a", "2"); // the rotation job writes to the store while readers cannot reach it
    for (int i = 0; i < 8; i++) {
      after(Duration.ofMinutes(6));
    }
    assertThatThrownBy(() -> secrets.get("a")).isInstanceOf(SecretUnavailableException.class);
    store.recover();
    after(Duration.ofMinutes(2));
    assertThat(secrets.get("a").asString()).isEqualTo("2");
    secrets.get("a");
    after(Duration.ofMinutes(6));
    assertThat(told).containsExactly("rotated a " + v1 + "->" + v2);
    assertThat(secrets.status().rotations()).isEqualTo(1);
    assertThat(events(secrets, Outcome.ROTATED)).hasSize(1);
  }

  @Test
  void revokedGrace_isConfigurable_andValidated() {
    assertThatThrownBy(() -> Secrets.builder().revokedGrace(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revokedGrace");
    assertThatThrownBy(() -> Secrets.builder().revokedGrace(Duration.ZERO).revokedGrace(Duration.ZERO))
        .isInstanceOf(IllegalStateException.class);
    store.put("a", "1");
    Secrets secrets = open.build(Secrets.builder().environment("development").ticker(ticker)
        .clock(ticker.clock()).executor(Runnable::run).manualMaintenance(ticks).revokedGrace(Duration.ZERO)
        .source(store));
    secrets.get("a");
    store.delete("a");
    after(Duration.ofMinutes(6)); // refused...
    after(Duration.ofSeconds(1)); // ...and gone at the next tick
    assertThatThrownBy(() -> secrets.get("a")).isInstanceOf(SecretNotFoundException.class);
  }

  /** An in-memory store whose cheap version check answers on its own (as a metadata call would). */
  static final class CheapCheckSource implements SecretSource {
    final InMemorySecretSource store = InMemorySecretSource.create();
    final AtomicReference<SecretSourceException> cheapAnswer = new AtomicReference<>();
    private volatile String lastId;

    @Override
    public String id() {
      return "memory:cheap-check";
    }

    @Override
    public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
      SecretVersion v = store.fetch(name, selector);
      lastId = v.versionId();
      return v;
    }

    @Override
    public Optional<String> currentVersionId(String name) throws SecretSourceException {
      SecretSourceException ex = cheapAnswer.get();
      if (ex != null) {
        throw ex;
      }
      return Optional.ofNullable(lastId);
    }
  }

  /** An in-memory store whose batch call is refused as a whole (a policy without the batch permission). */
  static final class BatchRefusingSource implements SecretSource {
    final InMemorySecretSource store = InMemorySecretSource.create();

    @Override
    public String id() {
      return "memory:batch-refusing";
    }

    @Override
    public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
      return store.fetch(name, selector);
    }

    @Override
    public java.util.Map<String, SecretVersion> fetchAll(java.util.Collection<String> names)
        throws SecretSourceException {
      throw new SecretSourceException(Kind.ACCESS_DENIED, "batch reads are not allowed");
    }
  }
}
