package dev.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.SecretException;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.aws.LocalSecretsManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code versionCheck=list}: one {@code ListSecrets} call tells which secrets changed; only those are read, a deleted
 * secret is left to its own read (which revokes it), and a value is read again within {@code confirmEvery}.
 */
class ListingCheckTest {
  private final LocalStore store = new LocalStore();
  private final LocalSecretsManager server = store.server;
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-06-01T08:00:00Z"));
  private final Clock clock = new Clock() {
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };
  private final FakeTicker ticker = new FakeTicker();
  private final List<Runnable> ticks = new ArrayList<>();

  @AfterEach
  void close() {
    store.close();
  }

  private AwsSecretsManagerSource source(String prefix, String extra) {
    return AwsSources.create(AwsSourceSettings.parse(SourceUri.parse(store.uri(prefix, "&versionCheck=list" + extra),
        Environment.DEVELOPMENT)), null, clock);
  }

  private List<String> seed(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(String.format("s%02d", i));
      store.put(prefix + names.get(i), "v" + i);
    }
    return names;
  }

  private Secrets resolver(AwsSecretsManagerSource source) {
    Consumer<Runnable> take = ticks::add;
    return Secrets.builder().environment("development").ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance(take).source(source).build();
  }

  private void after(Duration d) {
    ticker.advance(d);
    now.set(now.get().plus(d));
    ticks.forEach(Runnable::run);
  }

  @Test
  void unchangedSecrets_underAPrefix_areVouchedForByOneListSecretsCall() throws Exception {
    List<String> names = seed("app/", 30);
    AwsSecretsManagerSource source = source("app/", "");
    source.fetchAll(names);
    server.resetCalls();
    Map<String, String> ids = source.currentVersionIds(names);
    assertThat(ids).hasSize(30);
    assertThat(ids.get("s07")).isEqualTo(source.fetch("s07", dev.secrets4j.spi.VersionSelector.CURRENT).versionId());
    assertThat(server.calls("ListSecrets")).isEqualTo(1);
    assertThat(server.lastRequest("ListSecrets").toString()).contains("app/");
  }

  @Test
  void withoutAPrefix_theListingFiltersOnTheNames_tenACall_andMetadataNeedsNoDescribeSecret() throws Exception {
    List<String> names = seed("", 25);
    store.put("s00-other", "not asked for"); // matched by the prefix filter s00, left out
    AwsSecretsManagerSource source = source("", "");
    source.fetchAll(names);
    server.resetCalls();
    assertThat(source.currentVersionIds(names)).hasSize(25).doesNotContainKey("s00-other");
    assertThat(server.calls("ListSecrets")).isEqualTo(3);
    server.resetCalls();
    assertThat(source.metadataAll(names)).hasSize(25);
    assertThat(server.calls("ListSecrets")).isEqualTo(3);
    assertThat(server.calls("DescribeSecret")).isZero();
  }

  @Test
  void aRotation_isReadAlone_andServedAfterTheNextRefresh() throws Exception {
    List<String> names = seed("app/", 10);
    try (Secrets secrets = resolver(source("app/", ""))) {
      secrets.preload(names);
      server.resetCalls();
      store.put("app/s03", "rotated");
      after(Duration.ofMinutes(6));
      assertThat(secrets.get("s03").asString()).isEqualTo("rotated");
      assertThat(server.calls("ListSecrets")).isEqualTo(1);
      assertThat(server.calls("GetSecretValue") + server.calls("BatchGetSecretValue")).isEqualTo(1);
      assertThat(server.lastRequest("GetSecretValue")).containsEntry("SecretId", "app/s03");
    }
  }

  @Test
  void aRotation_whileTheListingLagsFiveMinutes_isServedWithinOneRefreshPlusTheLag() throws Exception {
    server.clock(clock).listingLag(Duration.ofMinutes(5));
    List<String> names = seed("app/", 10);
    after(Duration.ofMinutes(6)); // the seeded secrets are listed by now
    try (Secrets secrets = resolver(source("app/", ""))) {
      secrets.preload(names);
      after(Duration.ofMinutes(4));
      store.put("app/s03", "rotated");
      server.resetCalls();

      after(Duration.ofMinutes(2)); // a refresh at 5 to 5.5 minutes: the listing still shows the old version
      assertThat(server.calls("ListSecrets")).isEqualTo(1);
      assertThat(secrets.get("s03").asString()).isEqualTo("v3");

      after(Duration.ofMinutes(6)); // the next refresh: the listing has caught up
      assertThat(secrets.get("s03").asString()).isEqualTo("rotated");
      assertThat(server.calls("ListSecrets")).isEqualTo(2);
      assertThat(server.lastRequest("GetSecretValue")).containsEntry("SecretId", "app/s03");
    }
  }

  @Test
  void aDeletion_leavesTheSecretOutOfTheListing_soItsOwnReadRevokesIt() throws Exception {
    List<String> names = seed("app/", 5);
    try (Secrets secrets = resolver(source("app/", ""))) {
      secrets.preload(names);
      server.delete("app/s01"); // scheduled for deletion
      after(Duration.ofMinutes(6));
      after(Duration.ofSeconds(16));
      after(Duration.ofSeconds(16));
      assertThatThrownBy(() -> secrets.get("s01")).isInstanceOf(SecretException.class).hasMessageContaining("s01");
      assertThat(secrets.get("s02").asString()).isEqualTo("v2");
    }
  }

  @Test
  void aValueNotReadWithinConfirmEvery_isNotVouchedFor() throws Exception {
    List<String> names = seed("app/", 4);
    AwsSecretsManagerSource source = source("app/", "&confirmEvery=30m");
    source.fetchAll(names);
    now.set(now.get().plus(Duration.ofMinutes(31)));
    source.fetch("s02", dev.secrets4j.spi.VersionSelector.CURRENT);
    assertThat(source.currentVersionIds(names)).containsOnlyKeys("s02");
  }

  @Test
  void confirmEvery_defaultsToAnHourWithTheListingCheck_andIsRefusedWithTheValueCheck() throws Exception {
    assertThat(source("app/", "").currentVersionIds(List.of())).isEmpty();
    assertThat(AwsSourceSettings.parse(SourceUri.parse(store.uri("app/", "&versionCheck=list"),
        Environment.DEVELOPMENT)).confirmEvery()).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> AwsSourceSettings.parse(SourceUri.parse(store.uri("app/", "&confirmEvery=1h"),
        Environment.DEVELOPMENT))).isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("confirmEvery").hasMessageContaining("versionCheck=list");
  }

  @Test
  void byDefault_thereIsNoBulkCheck_everyRefreshReadsValues() throws Exception {
    List<String> names = seed("app/", 3);
    AwsSecretsManagerSource source = store.source("app/");
    source.fetchAll(names);
    server.resetCalls();
    assertThat(source.currentVersionIds(names)).isEmpty();
    assertThat(server.totalCalls()).isZero();
  }

  @Test
  void aThrottledBatch_fallsBackToGetSecretValue() throws Exception {
    List<String> names = seed("app/", 30);
    AwsSecretsManagerSource source = source("app/", "&maxAttempts=1");
    server.quotas().limit("BatchGetSecretValue", 0);
    assertThat(source.fetchAll(names)).hasSize(30);
    assertThat(server.calls("GetSecretValue")).isEqualTo(30);
  }

  @Test
  void publishedQuotas_areSecretsManagersPerRegion() {
    assertThat(source("app/", "").publishedQuotas()).extracting(q -> q.operation() + "=" + q.perSecond())
        .contains("BatchGetSecretValue=100.0", "ListSecrets=100.0", "GetSecretValue+DescribeSecret=10000.0");
  }

  @Test
  void confirmationRounds_comeBeforeConfirmEvery_atAPhaseOfTheSourcesOwn() {
    ConfirmationRounds rounds = new ConfirmationRounds(clock, Duration.ofHours(1));
    List<Long> dueAt = new ArrayList<>();
    assertThat(rounds.due()).as("the first check schedules the first round").isFalse();
    for (long minute = 1; minute <= 180; minute++) {
      now.set(now.get().plus(Duration.ofMinutes(1)));
      if (rounds.due()) {
        dueAt.add(minute);
      }
    }
    assertThat(dueAt.get(0)).as("first round: 50-90 % of confirmEvery").isBetween(30L, 55L);
    for (int i = 1; i < dueAt.size(); i++) {
      assertThat(dueAt.get(i) - dueAt.get(i - 1)).as("then every 90-98 %").isBetween(54L, 60L);
    }
    assertThat(dueAt).hasSizeBetween(3, 4);
  }
}
