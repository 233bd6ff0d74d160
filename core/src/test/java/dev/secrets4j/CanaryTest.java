package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.TestSources.RecordingHook;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Plants secret values and drives every outcome, error and guard; then searches everything the library
 * printed, threw or emitted for them.
 */
class CanaryTest {
  private final Ticks ticks = new Ticks();
  private final String canary = "cnry" + UUID.randomUUID().toString().replace("-", "");
  private final List<String> seen = new ArrayList<>();

  private void attempt(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        seen.add(t.toString());
        for (StackTraceElement el : t.getStackTrace()) {
          seen.add(el.toString());
        }
      }
    }
  }

  @Test
  void plantedValues_neverAppearInLogsMessagesToStringOrAuditEvents() throws Exception {
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(capture);
    System.setOut(capture);
    RecordingHook hook = new RecordingHook();
    try {
      FakeTicker ticker = new FakeTicker();
      InMemorySecretSource store = InMemorySecretSource.create();
      store.put("api-key", canary);
      store.put("json", "{\"password\":\"" + canary + "\",\"broken\": " + canary + "}");
      store.put("not-json", canary);
      store.put("live", "sk_live_" + canary);
      store.put("tagged", canary);
      store.metadata("tagged", SecretMetadata.builder().tag("environment", "production").build());
      Secrets secrets = Secrets.builder().environment("development").source(store)
          .ticker(ticker).clock(ticker.clock()).executor(Runnable::run).manualMaintenance(ticks)
          .auditHook(hook).auditHook(AuditHook.slf4j()).auditEveryHit()
          .auditFingerprintKey("fingerprint-key-0123".getBytes()).build();
      Secret s = secrets.get("api-key");
      seen.add(s.toString());
      seen.add(s.copy().toString());
      seen.add(secrets.toString());
      seen.add(store.toString());
      seen.add(secrets.get("json#password").toString());
      attempt(() -> secrets.get("json#broken"));
      attempt(() -> secrets.get("not-json#field"));
      attempt(() -> secrets.get("live"));
      attempt(() -> secrets.get("tagged"));
      attempt(() -> secrets.get("missing"));
      seen.add(secrets.versions("api-key").toString());
      store.put("api-key", canary + "-rotated");
      ticker.advance(Duration.ofMinutes(6));
      ticks.run();
      store.failWith(Kind.TRANSIENT);
      ticker.advance(Duration.ofMinutes(6));
      ticks.run();
      attempt(() -> secrets.get("never"));
      store.failWith(Kind.PERMANENT);
      ticker.advance(Duration.ofHours(25));
      ticks.run();
      attempt(() -> secrets.get("api-key"));
      store.failWith(Kind.ACCESS_DENIED);
      attempt(() -> secrets.get("other"));
      store.recover();
      seen.add(secrets.validate(Manifest.of("api-key", "live", "missing", "json#password")).toString());
      Secret destroyed = Secret.of("x", "v", canary);
      destroyed.destroy();
      attempt(destroyed::asString);
      secrets.close();
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).as("the library logged something: the test exercised it").isNotEmpty();
    assertThat(logs).doesNotContain(canary);
    assertThat(hook.events).hasSizeGreaterThan(8);
    assertThat(hook.events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(canary));
    assertThat(seen).hasSizeGreaterThan(10);
    assertThat(seen).allSatisfy(m -> assertThat(m).doesNotContain(canary));
  }
}
