package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.TestSources.RecordingHook;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A failed {@code name#field} read is audited as the failure the caller sees, never as a success. */
class FieldAuditTest {
  private final FakeTicker ticker = new FakeTicker();
  private final InMemorySecretSource store = InMemorySecretSource.create();
  private final RecordingHook hook = new RecordingHook();
  @RegisterExtension final OpenResolvers open = new OpenResolvers();

  private Secrets build(SecretsBuilder b) {
    return open.build(b);
  }

  private SecretsBuilder builder() {
    return Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance().source(store).auditHook(hook).auditFailClosed();
  }

  @Test
  void fieldOfANonJsonValue_onAMiss_isAuditedFailed() {
    store.put("DB_URL", "postgres://db:5432/app");
    Secrets secrets = build(builder());

    assertThatThrownBy(() -> secrets.get("DB_URL#x")).isInstanceOf(SecretConfigurationException.class);

    assertThat(hook.events).filteredOn(e -> e.secretName().equals("DB_URL#x"))
        .extracting(AuditEvent::outcome).containsExactly(Outcome.FAILED);
  }

  @Test
  void missingFieldOfAJsonSecret_onAHit_isAuditedNotFound_andNoHitIsRecorded() {
    store.put("db", "{\"user\":\"app\"}");
    Secrets secrets = build(builder());
    secrets.get("db");

    assertThatThrownBy(() -> secrets.get("db#password")).isInstanceOf(SecretNotFoundException.class);
    assertThatThrownBy(() -> secrets.get("db#password")).isInstanceOf(SecretNotFoundException.class);

    assertThat(hook.events).filteredOn(e -> e.secretName().equals("db#password"))
        .extracting(AuditEvent::outcome).containsExactly(Outcome.NOT_FOUND, Outcome.NOT_FOUND);
  }

  @Test
  void missingField_withAggregatedHits_isAuditedNotFound_notCountedAsAHit() throws Exception {
    store.put("db", "{\"user\":\"app\"}");
    Secrets secrets = build(Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance().source(store).auditHook(hook));
    secrets.get("db");
    assertThatThrownBy(() -> secrets.get("db#password")).isInstanceOf(SecretNotFoundException.class);
    assertThatThrownBy(() -> secrets.get("db#password")).isInstanceOf(SecretNotFoundException.class);
    secrets.close();

    assertThat(hook.events).filteredOn(e -> e.secretName().equals("db#password"))
        .extracting(AuditEvent::outcome).containsExactly(Outcome.NOT_FOUND, Outcome.NOT_FOUND);
  }
}
