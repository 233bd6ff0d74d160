package dev.secrets4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The counting harness counts what it claims to: small, fast versions of scenarios 4 to 6. */
class CountingScenariosTest {

  @Test
  void coldReads_concurrentReadersOfOneSecret_shareOneStoreCall() throws Exception {
    CountingScenarios.ColdReads r = CountingScenarios.coldReads(32, Duration.ofMillis(100), 1, false,
        CountingScenarios.NO_TAG_GUARD);

    CountingScenarios.ColdReadRound round = r.secrets4j().get(0);
    assertThat(round.storeCalls()).isEqualTo(1);
    assertThat(round.getSecretValueCalls()).isEqualTo(1);
    // the harness really overlapped the readers: more than one was inside get() before the first returned
    assertThat(round.waitingAtOnce()).isGreaterThan(1);
    assertThat(r.aws()).isEmpty();
  }

  @Test
  void coldReads_withDefaults_countTheTagReadOfTheEnvironmentGuard() throws Exception {
    CountingScenarios.ColdReads r = CountingScenarios.coldReads(8, Duration.ofMillis(50), 1, true,
        CountingScenarios.DEFAULTS);

    assertThat(r.secrets4j().get(0).getSecretValueCalls()).isEqualTo(1);
    assertThat(r.secrets4j().get(0).describeCalls()).isEqualTo(1);
    // AWS's caching client: DescribeSecret for the version, then GetSecretValue
    assertThat(r.aws().get(0).storeCalls()).isEqualTo(2);
  }

  @Test
  void coldStart_preloadReadsTwentyIdsPerBatchCall() {
    CountingScenarios.ColdStart c = CountingScenarios.coldStart(30, Duration.ZERO, 1, 0,
        CountingScenarios.NO_TAG_GUARD);

    assertThat(c.secrets4jBatchCalls()).isEqualTo(2);
    assertThat(c.secrets4jCalls()).isEqualTo(2);
    assertThat(c.secrets4jMillis()).hasSize(1);
  }

  @Test
  void hour_movesTheInjectedTickerAndCountsEveryRefreshOnTheServer() throws Exception {
    CountingScenarios.Hour h = CountingScenarios.hour(20, Duration.ofMinutes(5), Duration.ofHours(1), 0);

    assertThat(h.naive()).isEqualTo(240);
    // twelve refresh periods in the hour: at least eleven refresh rounds reached the store
    assertThat(h.refreshTasks()).isGreaterThanOrEqualTo(11);
    assertThat(h.total()).isBetween(11, 240);
    assertThat(h.total()).isEqualTo(h.batchGet() + h.describe() + h.getSecretValue());
  }

  @Test
  void quiescentExecutor_awaitIdle_returnsOnlyAfterTheTaskFinished() throws Exception {
    try (QuiescentExecutor e = new QuiescentExecutor()) {
      CountDownLatch release = new CountDownLatch(1);
      boolean[] done = new boolean[1];
      e.execute(() -> {
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        done[0] = true;
      });
      release.countDown();
      e.awaitIdle(Duration.ofSeconds(5));

      assertThat(done[0]).isTrue();
      assertThat(e.executed()).isEqualTo(1);
    }
  }

  @Test
  void median_ofEvenAndOddLists() {
    assertThat(Figures.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Figures.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }
}
