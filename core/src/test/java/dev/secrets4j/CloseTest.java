package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.TestSources.GatedSource;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** After {@code close()} no value the resolver handed out is live any more. */
class CloseTest {
  private final Ticks ticks = new Ticks();
  private final FakeTicker ticker = new FakeTicker();

  private SecretsBuilder builder() {
    return Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance(ticks);
  }

  @Test
  void fieldValues_areZeroedOnClose() {
    InMemorySecretSource store = InMemorySecretSource.create();
    store.put("db", "{\"password\":\"hunter2\"}");
    Secrets secrets = builder().source(store).build();
    Secret password = secrets.get("db#password");
    assertThat(password.asString()).isEqualTo("hunter2");

    secrets.close();

    assertThat(password.isDestroyed()).isTrue();
    assertThatThrownBy(password::asString).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void valuesReplacedByRotation_areZeroedOnClose_too() {
    InMemorySecretSource store = InMemorySecretSource.create();
    store.put("db", "{\"password\":\"one\"}");
    Secrets secrets = builder().source(store).build();
    Secret whole = secrets.get("db");
    Secret field = secrets.get("db#password");
    store.put("db", "{\"password\":\"two\"}");
    ticker.advance(Duration.ofMinutes(6));
    ticks.run();
    assertThat(secrets.get("db#password").asString()).isEqualTo("two");

    secrets.close();

    assertThat(whole.isDestroyed()).isTrue();
    assertThat(field.isDestroyed()).isTrue();
  }

  @Test
  void loadInFlightDuringClose_doesNotHandOutALiveValue() throws Exception {
    GatedSource source = new GatedSource();
    source.store.put("api-key", "in-flight-value");
    Secrets secrets = builder().source(source).build();
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      source.close(1);
      Future<Secret> read = reader.submit(() -> secrets.get("api-key"));
      assertThat(source.awaitEntered()).isTrue();

      secrets.close();
      source.open();

      assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed")
          .hasMessageNotContaining("in-flight-value");
    } finally {
      reader.shutdownNow();
    }
  }
}
