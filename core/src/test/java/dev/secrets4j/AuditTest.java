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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuditTest {
  private final Ticks ticks = new Ticks();
  private static final AccessContext BILLING = AccessContext.of("billing-service", "charge-card");
  private final FakeTicker ticker = new FakeTicker();
  private final InMemorySecretSource store = InMemorySecretSource.create();
  private final RecordingHook hook = new RecordingHook();
  @RegisterExtension final OpenResolvers open = new OpenResolvers();

  private Secrets build(SecretsBuilder b) {
    return open.build(b);
  }

  private SecretsBuilder builder(String env) {
    return Secrets.builder().environment(env).ticker(ticker).clock(ticker.clock()).executor(Runnable::run)
        .manualMaintenance(ticks).source(store).auditHook(hook);
  }

  /** The test store, answering as from a replica: each version notes where it came from. */
  private final SecretSource replicaAnswers = new SecretSource() {
    @Override
    public String id() {
      return store.id();
    }

    @Override
    public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
      return store.fetch(name, selector).withOrigin("replica region us-west-2");
    }
  };

  @Test
  void aValueFromElsewhereInTheSource_isAuditedWithWhereItCameFrom() throws Exception {
    store.put("api-key", "one");
    Secrets secrets = build(Secrets.builder().environment("staging").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance(ticks).source(replicaAnswers).auditHook(hook));

    secrets.get("api-key");
    assertThat(hook.await("api-key", Outcome.LOADED).detail()).contains("from replica region us-west-2");

    store.put("api-key", "two");
    ticker.advance(Duration.ofMinutes(6));
    ticks.run();
    assertThat(hook.await("api-key", Outcome.ROTATED).detail().orElseThrow())
        .startsWith("previous version ").endsWith("; from replica region us-west-2");
  }

  @Test
  void everyOutcome_yieldsItsOwnEvent_withContextEnvironmentSourceAndVersion() throws Exception {
    String v1 = store.put("api-key", "one");
    Secrets secrets = build(builder("staging"));

    secrets.get("api-key", BILLING);
    AuditEvent loaded = hook.await("api-key", Outcome.LOADED);
    assertThat(loaded.environment()).isEqualTo("staging");
    assertThat(loaded.sourceId()).isEqualTo(store.id());
    assertThat(loaded.versionId()).contains(v1);
    assertThat(loaded.principal()).contains("billing-service");
    assertThat(loaded.purpose()).contains("charge-card");
    assertThat(loaded.count()).isEqualTo(1);

    secrets.get("api-key", BILLING);
    secrets.get("api-key", BILLING);
    ticker.advance(Duration.ofSeconds(61));
    ticks.run(); // flushes hits; the refresh is not due yet
    AuditEvent hit = hook.await("api-key", Outcome.HIT);
    assertThat(hit.count()).isEqualTo(2);
    assertThat(hit.principal()).contains("billing-service");

    ticker.advance(Duration.ofMinutes(6));
    ticks.run();
    hook.await("api-key", Outcome.REFRESHED);

    String v2 = store.put("api-key", "two");
    ticker.advance(Duration.ofMinutes(6));
    ticks.run();
    AuditEvent rotated = hook.await("api-key", Outcome.ROTATED);
    assertThat(rotated.versionId()).contains(v2);
    assertThat(rotated.detail()).hasValueSatisfying(d -> assertThat(d).contains(v1));

    store.failWith(Kind.TRANSIENT);
    ticker.advance(Duration.ofMinutes(6));
    ticks.run();
    AuditEvent stale = hook.await("api-key", Outcome.STALE);
    assertThat(stale.detail()).hasValueSatisfying(d -> assertThat(d).contains("TRANSIENT"));

    assertThatThrownBy(() -> secrets.get("never-loaded")).isInstanceOf(SecretUnavailableException.class);
    hook.await("never-loaded", Outcome.FAILED);

    store.recover();
    assertThatThrownBy(() -> secrets.get("missing")).isInstanceOf(SecretNotFoundException.class);
    hook.await("missing", Outcome.NOT_FOUND);

    store.put("forbidden", "x");
    store.failWith(Kind.ACCESS_DENIED);
    assertThatThrownBy(() -> secrets.get("forbidden")).isInstanceOf(SecretAccessDeniedException.class);
    hook.await("forbidden", Outcome.DENIED);
  }

  @Test
  void hitsDuringAnOutage_areAuditedAsStale() throws Exception {
    store.put("api-key", "one");
    Secrets secrets = build(builder("development"));
    secrets.get("api-key");
    store.failWith(Kind.TRANSIENT);
    ticker.advance(Duration.ofMinutes(6));
    ticks.run();
    secrets.get("api-key", BILLING);
    ticker.advance(Duration.ofMinutes(1));
    ticks.run();
    AuditEvent e = hook.await(x -> x.outcome() == Outcome.STALE && x.principal().isPresent(), "stale hit");
    assertThat(e.principal()).contains("billing-service");
    assertThat(e.count()).isEqualTo(1);
    assertThat(hook.events).noneMatch(x -> x.outcome() == Outcome.HIT && x.principal().isPresent());
  }

  @Test
  void throwingHook_failOpen_doesNotFailTheRead() {
    store.put("api-key", "one");
    Secrets secrets = build(Secrets.builder().environment("development").source(store)
        .manualMaintenance(ticks).auditHook(e -> {
          throw new IllegalStateException("audit store down");
        }));
    assertThat(secrets.get("api-key").asString()).isEqualTo("one");
    assertThat(secrets.get("api-key").asString()).isEqualTo("one");
  }

  @Test
  void throwingHook_failClosed_deniesTheRead() {
    store.put("api-key", "one");
    Secrets secrets = build(Secrets.builder().environment("development").source(store)
        .manualMaintenance(ticks).auditFailClosed().auditHook(e -> {
          throw new IllegalStateException("audit store down");
        }));
    assertThatThrownBy(() -> secrets.get("api-key"))
        .isInstanceOf(SecretAccessDeniedException.class)
        .hasMessageContaining("api-key").hasMessageContaining("fail-closed");
  }

  @Test
  void failClosed_recordsEveryHitSynchronously() {
    store.put("api-key", "one");
    List<AuditEvent> seen = new ArrayList<>();
    Secrets secrets = build(Secrets.builder().environment("development").source(store)
        .manualMaintenance(ticks).auditFailClosed().auditHook(seen::add));
    secrets.get("api-key");
    secrets.get("api-key");
    secrets.get("api-key");
    assertThat(seen).extracting(AuditEvent::outcome).containsExactly(Outcome.LOADED, Outcome.HIT, Outcome.HIT);
  }

  @Test
  void fingerprint_isAKeyedHash_thatMatchesForEqualValuesAndNeverShowsTheValue() throws Exception {
    store.put("a", "same-value");
    store.put("b", "same-value");
    store.put("c", "other-value");
    Secrets secrets = build(builder("development").auditFingerprintKey("0123456789abcdef0123".getBytes()));
    secrets.get("a");
    secrets.get("b");
    secrets.get("c");
    String fa = hook.await("a", Outcome.LOADED).fingerprint().orElseThrow();
    String fb = hook.await("b", Outcome.LOADED).fingerprint().orElseThrow();
    String fc = hook.await("c", Outcome.LOADED).fingerprint().orElseThrow();
    assertThat(fa).isEqualTo(fb).isNotEqualTo(fc).startsWith("hmac-sha256:").doesNotContain("same-value");
  }

  @Test
  void slf4jHook_writesOneKeyValueLinePerEvent() {
    AuditEvent e = AuditEvent.builder().time(java.time.Instant.parse("2026-11-28T12:00:00Z")).environment("production")
        .secretName("stripe-api-key").sourceId("aws-sm://us-east-1?prefix=production/").versionId("v7")
        .outcome(Outcome.LOADED).access(BILLING).latency(Duration.ofMillis(12)).build();
    assertThat(e.toString()).isEqualTo("time=2026-11-28T12:00:00Z env=production secret=stripe-api-key "
        + "source=aws-sm://us-east-1?prefix=production/ outcome=LOADED version=v7 principal=billing-service "
        + "purpose=charge-card latency_us=12000");
    AuditHook.slf4j().record(e); // does not throw without a configured backend either
  }
}
