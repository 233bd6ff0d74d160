package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Explicit refreshes are rate-limited per name, whether the secret exists or not. */
class RefreshLimitTest {
  private final FakeTicker ticker = new FakeTicker();
  private final InMemorySecretSource store = InMemorySecretSource.create();

  private Secrets build() {
    return Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance().source(store).build();
  }

  @Test
  void refreshOfAMissingSecret_callsTheStoreOncePerLimit_howeverOftenItIsAsked() {
    try (Secrets secrets = build()) {
      for (int i = 0; i < 1000; i++) {
        assertThatThrownBy(() -> secrets.refresh("missing")).isInstanceOf(SecretNotFoundException.class);
      }
      assertThat(store.fetchCount()).isEqualTo(1);

      ticker.advance(Duration.ofMillis(1001));
      assertThatThrownBy(() -> secrets.refresh("missing")).isInstanceOf(SecretNotFoundException.class);
      assertThat(store.fetchCount()).isEqualTo(2);
    }
  }

  @Test
  void refreshOfAMissingSecret_afterTheLimit_seesItAppear_withoutWaitingForTheNotFoundPause() {
    try (Secrets secrets = build()) {
      assertThatThrownBy(() -> secrets.get("late")).isInstanceOf(SecretNotFoundException.class);
      store.put("late", "here");
      ticker.advance(Duration.ofSeconds(2));
      assertThat(secrets.refresh("late").asString()).isEqualTo("here");
    }
  }
}
