package dev.secrets4j.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.test.Secrets4jTest;
import dev.secrets4j.test.SecretsEnvironment;
import dev.secrets4j.test.TestSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many callers without a token share one token request. */
@Secrets4jTest
@SecretsEnvironment("staging")
@Timeout(60)
class ConcurrentFirstTokenTest {

  @Test
  void sixtyFourConcurrentFirstCalls_makeOneTokenRequest(TestSecrets secrets) throws Exception {
    secrets.put(OAuth2TokensTest.NAME, OAuth2TokensTest.client(OAuth2TokensTest.canary()));
    ExecutorService callers = Executors.newFixedThreadPool(64);
    try (PartnerAuthServer server = new PartnerAuthServer();
        OAuth2Tokens tokens = OAuth2Tokens.builder(secrets.secrets(), "partner")
            .tokenUri(server.tokenUri())
            .clientSecret(OAuth2TokensTest.NAME)
            .ticker(secrets.ticker())
            .clock(secrets.ticker().clock())
            .executor(Runnable::run)
            .build()) {
      server.holdRequests();                      // the first request stays in flight until every caller is in
      CountDownLatch ready = new CountDownLatch(64);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<AccessToken>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(callers.submit(() -> {
          ready.countDown();
          go.await();
          return tokens.token();
        }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      awaitRequest(server);
      server.release();

      AccessToken first = results.get(0).get(20, TimeUnit.SECONDS);
      for (Future<AccessToken> f : results) {
        assertThat(f.get(20, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(server.tokenRequests()).isEqualTo(1);
    } finally {
      callers.shutdownNow();
    }
  }

  /** Waits (bounded) for the one request to reach the server, polling its counter without sleeping. */
  private static void awaitRequest(PartnerAuthServer server) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.tokenRequests() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(server.tokenRequests()).isEqualTo(1);
  }
}
