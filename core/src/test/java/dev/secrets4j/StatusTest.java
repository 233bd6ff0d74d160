package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.test.Secrets4jTest;
import dev.secrets4j.test.TestSecrets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@Secrets4jTest
class StatusTest {

  @Test
  void freshSecrets_areUp_andTheSnapshotCallsNoStore(TestSecrets t) {
    t.put("api-key", "canary-status-1");
    t.put("db", "{\"password\":\"canary-status-2\"}");
    t.get("api-key");
    t.get("db#password");
    long calls = t.storeCalls();
    t.advance(Duration.ofSeconds(30));

    Secrets.Status status = t.secrets().status();

    assertThat(status.state()).isEqualTo(Secrets.Status.State.UP);
    assertThat(status.cachedSecrets()).isEqualTo(2);
    assertThat(status.oldestValueAge()).contains(Duration.ofSeconds(30));
    assertThat(status.environment()).isEqualTo("development");
    assertThat(t.storeCalls()).isEqualTo(calls);
    assertThat(status.toString()).doesNotContain("canary-status");
  }

  @Test
  void aFailingStore_isStale_namingTheSecrets_thenDownPastMaxStale(TestSecrets t) {
    t.put("api-key", "v1");
    t.put("other", "v2");
    Secrets secrets = t.newResolver(b -> b.maxStale(Duration.ofHours(1)));
    secrets.get("api-key");
    secrets.get("other");

    t.failStore(SecretSourceException.Kind.TRANSIENT);
    t.advance(Duration.ofMinutes(6));
    Secrets.Status stale = secrets.status();
    assertThat(stale.state()).isEqualTo(Secrets.Status.State.STALE);
    assertThat(stale.staleSecrets()).containsExactly("api-key", "other");
    assertThat(stale.unavailableSecrets()).isEmpty();

    t.advance(Duration.ofHours(1));
    Secrets.Status down = secrets.status();
    assertThat(down.state()).isEqualTo(Secrets.Status.State.DOWN);
    assertThat(down.unavailableSecrets()).containsExactly("api-key", "other");

    t.heal();
    t.advance(Duration.ofMinutes(2));
    assertThat(secrets.status().state()).isEqualTo(Secrets.Status.State.UP);
  }

  @Test
  void rotations_areCounted(TestSecrets t) {
    t.put("api-key", "v1");
    t.get("api-key");
    t.rotate("api-key", "v2");
    t.advance(Duration.ofMinutes(6));

    assertThat(t.secrets().status().rotations()).isEqualTo(1);
  }
}
