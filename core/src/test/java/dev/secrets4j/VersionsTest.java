package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.TestSources.RecordingHook;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code versions()} hands out values: every one passes the guards and is audited. */
class VersionsTest {
  private final Ticks ticks = new Ticks();
  private static final AccessContext SIGNER = AccessContext.of("token-service", "verify-jwt");
  private final FakeTicker ticker = new FakeTicker();
  private final InMemorySecretSource store = InMemorySecretSource.create();
  private final RecordingHook hook = new RecordingHook();
  @RegisterExtension final OpenResolvers open = new OpenResolvers();

  private Secrets build(SecretsBuilder b) {
    return open.build(b);
  }

  private SecretsBuilder builder() {
    return Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance(ticks).source(store).auditHook(hook);
  }

  @Test
  void previousVersionHoldingALiveKey_isNotServedInDevelopment_andTheRefusalIsAudited() throws Exception {
    String live = store.put("stripe", "sk_live_0123456789abcdef");
    store.put("stripe", "sk_test_0123456789abcdef");
    Secrets secrets = build(builder());

    List<Secret> versions = secrets.versions("stripe");

    assertThat(versions).extracting(Secret::asString).containsExactly("sk_test_0123456789abcdef");
    AuditEvent denied = hook.await("stripe", Outcome.DENIED);
    assertThat(denied.versionId()).contains(live);
    assertThat(denied.detail().orElseThrow()).contains("previous version").contains("[live-credential]")
        .doesNotContain("sk_live_0123");
  }

  @Test
  void previousVersionFetchedFromTheStore_isAuditedAsLoaded_withItsVersionAndContext() throws Exception {
    String v1 = store.put("jwt-key", "a");
    store.put("jwt-key", "b");
    Secrets secrets = build(builder());

    assertThat(secrets.versions("jwt-key", SIGNER)).extracting(Secret::asString).containsExactly("b", "a");

    AuditEvent previous = hook.await(e -> e.outcome() == Outcome.LOADED && e.versionId().equals(java.util.Optional.of(v1)),
        "LOADED event of the previous version");
    assertThat(previous.principal()).contains("token-service");
    assertThat(previous.detail()).contains("previous version");
  }

  @Test
  void cachedPreviousVersion_handedOutAgain_isCountedAsAHitOfThatVersion() throws Exception {
    String v1 = store.put("jwt-key", "a");
    store.put("jwt-key", "b");
    Secrets secrets = build(builder().auditFlushInterval(Duration.ofSeconds(10)));
    secrets.versions("jwt-key", SIGNER);
    secrets.versions("jwt-key", SIGNER);
    secrets.versions("jwt-key", SIGNER);

    ticker.advance(Duration.ofSeconds(11));
    ticks.run();

    AuditEvent hits = hook.await(e -> e.outcome() == Outcome.HIT && e.versionId().equals(java.util.Optional.of(v1)),
        "HIT event of the previous version");
    assertThat(hits.count()).isEqualTo(2);
    assertThat(hits.principal()).contains("token-service");
    assertThat(hits.detail()).contains("previous version");
  }

  @Test
  void everyHitMode_auditsEachPreviousVersionHandedOut() throws Exception {
    String v1 = store.put("jwt-key", "a");
    store.put("jwt-key", "b");
    Secrets secrets = build(builder().auditFailClosed());
    secrets.versions("jwt-key");
    secrets.versions("jwt-key");

    assertThat(hook.events).filteredOn(e -> e.versionId().equals(java.util.Optional.of(v1)))
        .extracting(AuditEvent::outcome).containsExactly(Outcome.LOADED, Outcome.HIT);
  }

  @Test
  void versions_inProduction_obeysTheAccessContextPolicy() {
    store.put("jwt-key", "a");
    store.put("jwt-key", "b");
    Secrets secrets = build(Secrets.builder().environment("production").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance(ticks).source(store).auditHook(hook).guards()
        .requireAccessContextInProduction().and());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> secrets.versions("jwt-key"))
        .isInstanceOf(SecretAccessDeniedException.class);
    assertThat(secrets.versions("jwt-key", SIGNER)).hasSize(2);
  }
}
