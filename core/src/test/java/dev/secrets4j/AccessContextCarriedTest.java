package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code guard.require-access-context} in production, {@code refresh} and {@code preload} read with the
 * caller's context, so an identified caller is served (they used to read with no context and were denied).
 */
class AccessContextCarriedTest {
  private static final AccessContext WORKER = AccessContext.of("billing-service", "charge-card");
  private final FakeTicker ticker = new FakeTicker();
  private final InMemorySecretSource store = InMemorySecretSource.create();

  private Secrets production(SecretSource source) {
    return Secrets.builder().environment("production").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance().source(source).guards().requireAccessContextInProduction()
        .and().build();
  }

  @Test
  void refresh_withAnAccessContext_isServedInProduction() {
    store.put("api-key", "one");
    try (Secrets secrets = production(store)) {
      assertThat(secrets.get("api-key", WORKER).asString()).isEqualTo("one");
      store.put("api-key", "two");

      assertThat(secrets.refresh("api-key", WORKER).asString()).isEqualTo("two");
      assertThatThrownBy(() -> secrets.refresh("api-key")).isInstanceOf(SecretAccessDeniedException.class);
    }
  }

  @Test
  void preload_whoseBatchIsRefused_readsOneByOneWithTheCallersContext() {
    store.put("a", "1");
    store.put("b", "2");
    SecretSource noBatches = new SecretSource() {
      @Override
      public String id() {
        return store.id();
      }

      @Override
      public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
        return store.fetch(name, selector);
      }

      @Override
      public Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
        throw new SecretSourceException(SecretSourceException.Kind.ACCESS_DENIED, "may not read in batches");
      }
    };
    try (Secrets secrets = production(noBatches)) {
      secrets.preload(List.of("a", "b"), WORKER);

      assertThat(secrets.status().cachedSecrets()).isEqualTo(2);
    }
    try (Secrets secrets = production(noBatches)) {
      assertThatThrownBy(() -> secrets.preload(List.of("a", "b")))
          .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("access-context");
    }
  }

  @Test
  void accessContext_givesPrincipalAndPurposeAsOptionals() {
    assertThat(WORKER.principal()).contains("billing-service");
    assertThat(WORKER.purpose()).contains("charge-card");
    assertThat(AccessContext.none().principal()).isEmpty();
    assertThat(AccessContext.none().purpose()).isEmpty();
  }
}
