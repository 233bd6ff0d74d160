package dev.secrets4j.benchmarks.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet harness on a tiny fleet: every scenario reaches its end, and the counts mean what the table says. */
class FleetScenariosTest {

  @Test
  void aSmallAwsFleet_inListMode_restartsRefreshesRotatesAndRidesOutAnOutage() {
    // confirmEvery=24h: no confirmation round within the run, so every value read is the rotation's
    FleetResult r = FleetScenarios.run(c -> new AwsFleetStore(c, "&versionCheck=list&confirmEvery=24h", "AWS list"),
        3, 3, 20, Duration.ofMinutes(30));
    assertThat(r.measured()).isTrue();
    assertThat(r.restartReady()).isEqualTo(3);
    assertThat(r.restartSeconds()).isBetween(0L, 120L);
    assertThat(r.perPodHour()).containsKey("ListSecrets");
    assertThat(r.perPodHour().get("GetSecretValue")).as("no value read while nothing changes").isZero();
    long bound = 330 + AwsFleetStore.LISTING_LAG.toSeconds(); // a refresh interval (5 min + 10 %) plus the lag
    assertThat(r.rotationSeconds()).as("within one refresh interval plus the listing's lag").isBetween(1L, bound);
    assertThat(r.rotationCalls().get("GetSecretValue")).as("only the rotated secret is read").isEqualTo(1.0);
    assertThat(r.outageFailedReads()).isZero();
    assertThat(r.steadyFailedReads()).isZero();
  }

  @Test
  void aSampledFleet_runsAgainstQuotasScaledToTheSample() {
    FleetStore.QuotaGroup list = new FleetStore.QuotaGroup("ListSecrets", List.of("ListSecrets"), 100, 1);
    assertThat(list.scaled(100, 10_000).limit()).isEqualTo(1);
    assertThat(list.scaled(10, 1_000).limit()).isEqualTo(1);
    assertThat(list.scaled(100, 1_000).limit()).isEqualTo(10);
    FleetStore.QuotaGroup batch = new FleetStore.QuotaGroup("Batch", List.of("BatchGetSecretValue"), 100, 1, 50);
    assertThat(batch.scaled(100, 10_000)).as("stretched to hold ten bursts of 5: 50 per 50 s, the same rate")
        .satisfies(q -> assertThat(q.limit()).isEqualTo(50))
        .satisfies(q -> assertThat(q.windowSeconds()).isEqualTo(50));
    assertThat(batch.scaled(100, 1_000)).satisfies(q -> assertThat(q.limit()).isEqualTo(50))
        .satisfies(q -> assertThat(q.windowSeconds()).isEqualTo(5));
    FleetResult r = FleetScenarios.run(c -> new AwsFleetStore(c, "", "AWS value"), 200, 2, 20,
        Duration.ofMinutes(10));
    assertThat(r.measured()).isFalse();
    assertThat(r.pods()).isEqualTo(2);
    assertThat(r.restartReady()).isEqualTo(2);
  }
}
