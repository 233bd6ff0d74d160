package dev.secrets4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.Secrets;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceExamplesTest {
  private final InMemorySecretSource store = InMemorySecretSource.create();
  private final FakeTicker ticker = new FakeTicker();

  private Secrets secrets() {
    return Secrets.builder().environment("development").source(store).ticker(ticker)
        .refreshRateLimit(Duration.ZERO).build();
  }

  @Test
  void connectionPool_isRebuiltOnRotation_andTheOldOneClosed() {
    store.put("orders-db", "{\"username\":\"orders\",\"password\":\"p1\"}");
    try (Secrets secrets = secrets(); RotatingConnectionPool pools = new RotatingConnectionPool(secrets, "orders-db")) {
      RotatingConnectionPool.Pool first = pools.current();
      String v2 = store.put("orders-db", "{\"username\":\"orders\",\"password\":\"p2\"}");
      secrets.refresh("orders-db");
      assertThat(first.isClosed()).isTrue();
      assertThat(pools.current().passwordVersion()).isEqualTo(v2);
      assertThat(pools.current().isClosed()).isFalse();
    }
  }

  @Test
  void jwt_signedWithThePreviousKey_stillVerifiesDuringTheOverlap_andForgedTokensDoNot() {
    store.put("jwt-signing-key", "first-signing-key-0123456789abcdef");
    try (Secrets secrets = secrets()) {
      JwtVerifier jwt = new JwtVerifier(secrets, "jwt-signing-key");
      String old = jwt.sign("{\"sub\":\"alice\"}");
      store.put("jwt-signing-key", "second-signing-key-0123456789abcdef");
      secrets.refresh("jwt-signing-key");
      String fresh = jwt.sign("{\"sub\":\"bob\"}");
      assertThat(jwt.verify(old)).isTrue();
      assertThat(jwt.verify(fresh)).isTrue();
      assertThat(jwt.verify(fresh.substring(0, fresh.length() - 2) + "AA")).isFalse();
      store.put("jwt-signing-key", "third-signing-key-0123456789abcdef");
      secrets.refresh("jwt-signing-key");
      assertThat(jwt.verify(old)).as("two rotations later the first key is gone").isFalse();
      assertThat(jwt.verify(fresh)).isTrue();
    }
  }
}
