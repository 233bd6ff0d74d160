package dev.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.EnvironmentViolationException;
import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import dev.secrets4j.test.aws.LocalSecretsManager;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

class AwsSecretsManagerSourceTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final LocalStore store = new LocalStore();
  private final LocalSecretsManager server = store.server;

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void names_mapToPrefixPlusName_andOnlyThatSecretIdIsAskedFor() throws Exception {
    store.put("production/stripe-api-key", "prod-value");
    store.put("stripe-api-key", "unprefixed-value");
    AwsSecretsManagerSource source = store.source("production/");

    assertThat(source.fetch("stripe-api-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("prod-value");
    assertThat(server.lastRequest("GetSecretValue")).containsEntry("SecretId", "production/stripe-api-key")
        .containsEntry("VersionStage", "AWSCURRENT");
  }

  @Test
  void versionId_isTheAwsVersionId_andCreatedIsTheVersionsCreationDate() throws Exception {
    server.clock(Clock.fixed(T0, ZoneOffset.UTC));
    String id = store.put("app/db-password", "pw");
    SecretVersion v = store.source("app/").fetch("db-password", VersionSelector.CURRENT);

    assertThat(v.versionId()).isEqualTo(id);
    assertThat(v.created()).contains(T0);
    assertThat(v.stage()).isEqualTo(SecretVersion.Stage.CURRENT);
  }

  @Test
  void binarySecret_isReturnedByteForByte() throws Exception {
    byte[] key = {0, (byte) 0xff, (byte) 0xc3, 0x28, 10, 13, 127, (byte) 0x80};
    store.putBinary("app/signing-key", key);

    assertThat(store.source("app/").fetch("signing-key", VersionSelector.CURRENT).value()).isEqualTo(key);
  }

  @Test
  void previousAndVersionId_readTheAwsPreviousStageAndTheExactVersion() throws Exception {
    String first = store.put("app/jwt-key", "first");
    String second = store.put("app/jwt-key", "second");
    AwsSecretsManagerSource source = store.source("app/");

    SecretVersion previous = source.fetch("jwt-key", VersionSelector.PREVIOUS);
    assertThat(server.lastRequest("GetSecretValue")).containsEntry("VersionStage", "AWSPREVIOUS");
    assertThat(previous.valueAsString()).isEqualTo("first");
    assertThat(previous.versionId()).isEqualTo(first);
    assertThat(previous.stage()).isEqualTo(SecretVersion.Stage.PREVIOUS);

    SecretVersion byId = source.fetch("jwt-key", VersionSelector.id(second));
    assertThat(server.lastRequest("GetSecretValue")).containsEntry("VersionId", second);
    assertThat(byId.valueAsString()).isEqualTo("second");
  }

  @Test
  void previous_ofASecretWithOneVersion_isNotFound() throws Exception {
    store.put("app/single", "only");
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> store.source("app/").fetch("single", VersionSelector.PREVIOUS));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("previous version", "single", "AWSPREVIOUS");
  }

  @Test
  void keepsVersionHistory_becauseAwsKeepsThePreviousVersionItself() {
    assertThat(store.source("app/").keepsVersionHistory()).isTrue();
  }

  @Test
  void pendingStage_isReadableByItsLabel_andDoesNotChangeTheCurrentValue() throws Exception {
    store.put("app/db-password", "live");
    String pending = store.admin.putSecretValue(r -> r.secretId("app/db-password").secretString("next")
        .versionStages("AWSPENDING")).versionId();
    AwsSecretsManagerSource source = store.source("app/");

    SecretVersion v = source.fetch("db-password", VersionSelector.id("AWSPENDING"));
    assertThat(v.valueAsString()).isEqualTo("next");
    assertThat(v.versionId()).isEqualTo(pending);
    assertThat(v.stage()).isEqualTo(SecretVersion.Stage.PENDING);
    assertThat(source.fetch("db-password", VersionSelector.CURRENT).valueAsString()).isEqualTo("live");
  }

  @Test
  void currentVersionId_withTheDescribeCheck_comesFromDescribeSecret_withoutReadingTheValue() throws Exception {
    String id = store.put("app/api-key", "v");
    AwsSecretsManagerSource source = store.source("app/", "&versionCheck=describe");
    source.fetch("api-key", VersionSelector.CURRENT);
    server.resetCalls();

    assertThat(source.currentVersionId("api-key")).contains(id);
    assertThat(server.calls("DescribeSecret")).isEqualTo(1);
    assertThat(server.calls("GetSecretValue")).isZero();
  }

  @Test
  void currentVersionId_byDefault_isNotOffered_soEveryRefreshReadsTheValue() throws Exception {
    store.put("app/api-key", "v");
    AwsSecretsManagerSource source = store.source("app/");
    source.fetch("api-key", VersionSelector.CURRENT);
    server.resetCalls();

    assertThat(source.currentVersionId("api-key")).isEmpty();
    assertThat(server.totalCalls()).isZero();
  }

  @Test
  void describeDenied_costsMetadataAndTheCheapCheck_notTheReads_andIsAskedOnce() throws Exception {
    store.put("app/api-key", "v");
    server.denyOperation("DescribeSecret");
    AwsSecretsManagerSource source = store.source("app/");

    assertThat(source.metadata("api-key")).isEmpty();
    assertThat(source.currentVersionId("api-key")).isEmpty();
    try (Secrets secrets = Secrets.builder().source(source).environment("development").build()) {
      assertThat(secrets.get("api-key").asString()).isEqualTo("v");
    }
    assertThat(server.calls("DescribeSecret")).isEqualTo(1);
  }

  @Test
  void metadata_comesFromDescribeSecret() throws Exception {
    server.clock(Clock.fixed(T0, ZoneOffset.UTC));
    store.admin.createSecret(r -> r.name("app/db-password").secretString("pw")
        .tags(Tag.builder().key("team").value("payments").build()));
    Instant rotated = T0.minus(Duration.ofDays(40));
    Instant next = T0.plus(Duration.ofDays(50));
    server.rotation("app/db-password", true, rotated, next);

    SecretMetadata m = store.source("app/").metadata("db-password").orElseThrow();

    assertThat(m.created()).contains(T0);
    assertThat(m.lastChanged()).contains(T0);
    assertThat(m.lastRotated()).contains(rotated);
    assertThat(m.nextRotation()).contains(next);
    assertThat(m.rotationEnabled()).contains(true);
    assertThat(m.enabled()).contains(true);
    assertThat(m.tags()).containsEntry("team", "payments");
    assertThat(m.rotationReference()).contains(rotated);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "30 | - | P30D",
      "- | rate(10 days) | P10D",
      "- | rate(4 hours) | PT4H",
      "- | cron(0 16 1,15 * ? *) | -"})
  void rotationPeriod_comesFromTheRotationRules(Long days, String schedule, String period) throws Exception {
    store.put("app/db-password", "pw");
    server.rotation("app/db-password", true, null, null);
    server.rotationRules("app/db-password", days, schedule);

    SecretMetadata m = store.source("app/").metadata("db-password").orElseThrow();

    assertThat(m.rotationPeriod()).isEqualTo(java.util.Optional.ofNullable(period).map(Duration::parse));
  }

  @Test
  void environmentTag_inAnyCase_isExposedAsTheEnvironmentTag() throws Exception {
    store.admin.createSecret(r -> r.name("app/api-key").secretString("v")
        .tags(Tag.builder().key("Environment").value("production").build()));

    SecretMetadata m = store.source("app/").metadata("api-key").orElseThrow();

    assertThat(m.environmentTag()).contains("production");
    assertThat(m.tags()).containsEntry("Environment", "production");
  }

  @Test
  void environmentTag_ofAnotherEnvironment_makesTheResolverRefuseTheSecret() {
    store.admin.createSecret(r -> r.name("staging/api-key").secretString("v")
        .tags(Tag.builder().key("environment").value("prod").build()));
    try (Secrets secrets = Secrets.builder().source(store.source("staging/")).environment("staging").build()) {
      assertThatThrownBy(() -> secrets.get("api-key"))
          .isInstanceOf(EnvironmentViolationException.class)
          .hasMessageContaining("api-key")
          .hasMessageContaining("production");
    }
  }

  @Test
  void metadata_ofASecretScheduledForDeletion_isPermanent_withTheRestoreCommand() throws Exception {
    store.put("app/old-key", "v");
    store.admin.deleteSecret(r -> r.secretId("app/old-key").recoveryWindowInDays(7L));

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> store.source("app/").metadata("old-key"));
    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("'old-key'", "scheduled for deletion",
        "aws secretsmanager restore-secret --secret-id app/old-key --region us-east-1");
  }

  @Test
  void metadata_ofAMissingSecret_isNotFound() {
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> store.source("app/").metadata("nope"));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("'nope'", "app/nope");
  }

  // ------------------------------------------------------------------ batch

  @Test
  void fetchAll_of45Secrets_makesThreeBatchCallsOfAtMost20Ids_andNoSingleReads() throws Exception {
    List<String> names = seed("app/", 45);
    AwsSecretsManagerSource source = store.source("app/");
    server.resetCalls();

    assertThat(source.fetchAll(names)).hasSize(45);
    assertThat(server.calls("BatchGetSecretValue")).isEqualTo(3);
    assertThat(server.calls("GetSecretValue")).isZero();
    assertThat((List<?>) server.lastRequest("BatchGetSecretValue").get("SecretIdList")).hasSize(5);
  }

  @Test
  void fetchAll_entries_carryVersionIdStageAndValue() throws Exception {
    String id = store.put("app/one", "value-one");
    SecretVersion v = store.source("app/").fetchAll(List.of("one")).get("one");

    assertThat(v.versionId()).isEqualTo(id);
    assertThat(v.valueAsString()).isEqualTo("value-one");
    assertThat(v.stage()).isEqualTo(SecretVersion.Stage.CURRENT);
  }

  @Test
  void fetchAll_followsNextToken_whenTheStorePagesAnIdList() throws Exception {
    server.batchPageSize(7);
    List<String> names = seed("app/", 20);

    assertThat(store.source("app/").fetchAll(names)).hasSize(20);
    assertThat(server.calls("BatchGetSecretValue")).isEqualTo(3);
  }

  @Test
  void fetchAll_readsASecretAlone_whenTheBatchReportedATransientErrorForIt() throws Exception {
    List<String> names = seed("app/", 5);
    server.inject(dev.secrets4j.test.aws.Fault.throttling().on("BatchGetSecretValue").forSecret("app/s-3")
        .times(1));
    server.resetCalls();

    assertThat(store.source("app/").fetchAll(names)).hasSize(5).containsKey("s-3");
    assertThat(server.calls("GetSecretValue")).isEqualTo(1);
    assertThat(server.lastRequest("GetSecretValue")).containsEntry("SecretId", "app/s-3");
  }

  @Test
  void fetchAll_leavesOutDeniedAndMissingSecrets_forTheResolverToReportOneByOne() throws Exception {
    List<String> names = new ArrayList<>(seed("app/", 4));
    names.add("missing");
    server.denyAccess("app/s-2");
    server.resetCalls();

    assertThat(store.source("app/").fetchAll(names)).containsOnlyKeys("s-0", "s-1", "s-3");
    assertThat(server.calls("GetSecretValue")).isZero();
  }

  @Test
  void fetchAll_whenBatchGetIsDenied_readsOneByOne_andStopsAskingForBatches() throws Exception {
    List<String> names = seed("app/", 3);
    server.denyOperation("BatchGetSecretValue");
    AwsSecretsManagerSource source = store.source("app/");

    assertThat(source.fetchAll(names)).hasSize(3);
    assertThat(source.fetchAll(names)).hasSize(3);
    assertThat(server.calls("BatchGetSecretValue")).isEqualTo(1);
    assertThat(server.calls("GetSecretValue")).isEqualTo(6);
  }

  @Test
  void fetchAll_whenOneBatchIsRefusedAsInvalid_readsThatBatchOneByOne_andKeepsBatching() throws Exception {
    List<String> names = seed("app/", 3);
    server.inject(dev.secrets4j.test.aws.Fault.error(400, "InvalidParameterException", "Invalid name.")
        .on("BatchGetSecretValue").times(1));
    AwsSecretsManagerSource source = store.source("app/");

    assertThat(source.fetchAll(names)).hasSize(3);
    assertThat(server.calls("GetSecretValue")).isEqualTo(3);
    assertThat(source.fetchAll(names)).hasSize(3);
    assertThat(server.calls("BatchGetSecretValue")).isEqualTo(2);
    assertThat(server.calls("GetSecretValue")).isEqualTo(3);
  }

  @Test
  void fetchAll_whenTheStoreFailsAsAWhole_isTransient() throws Exception {
    List<String> names = seed("app/", 3);
    server.inject(dev.secrets4j.test.aws.Fault.internalError().on("BatchGetSecretValue"));

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> store.source("app/", "&maxAttempts=1").fetchAll(names));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void preloadOf50Secrets_usesAtMostThreeBatchCalls_andEveryGetIsThenAHit() {
    List<String> names = seed("app/", 50);
    try (Secrets secrets = Secrets.builder().source(store.source("app/")).environment("development").build()) {
      server.resetCalls();
      secrets.preload(names);
      assertThat(server.calls("BatchGetSecretValue")).isLessThanOrEqualTo(3);
      assertThat(server.calls("GetSecretValue")).isZero();

      int before = server.totalCalls();
      for (int i = 0; i < 50; i++) {
        assertThat(secrets.get("s-" + i).asString()).isEqualTo("value-" + i);
      }
      assertThat(server.totalCalls()).isEqualTo(before);
    }
  }

  @Test
  void preloadOf50Secrets_readsTheGuardsTagsWithOneListing_notFiftyDescribes() {
    List<String> names = seed("app/", 50);
    server.tag("app/s-7", "environment", "production");
    try (Secrets secrets = Secrets.builder().source(store.source("app/")).environment("development").build()) {
      server.resetCalls();
      assertThatThrownBy(() -> secrets.preload(names)).hasMessageContaining("s-7")
          .hasMessageContaining("environment-tag");
      assertThat(server.calls("ListSecrets")).isEqualTo(1);
      assertThat(server.calls("DescribeSecret")).isZero();
      assertThat(secrets.get("s-8").asString()).isEqualTo("value-8");
    }
  }

  @Test
  void metadataAll_withoutListPermission_fallsBackToOneByOne() {
    List<String> names = seed("app/", 5);
    server.denyOperation("ListSecrets");
    try (Secrets secrets = Secrets.builder().source(store.source("app/")).environment("development").build()) {
      server.resetCalls();
      secrets.preload(names);
      assertThat(server.calls("DescribeSecret")).isEqualTo(5);
      assertThat(secrets.get("s-4").asString()).isEqualTo("value-4");
    }
  }

  // ------------------------------------------------------------------ rotation

  @Test
  void rotationByStageMove_isOneRotationForTheResolver_andVersionsGivesCurrentThenPrevious() {
    String oldId = store.put("app/db-password", "old-pw");
    FakeTicker ticker = new FakeTicker();
    List<String> rotations = new CopyOnWriteArrayList<>();
    try (Secrets secrets = Secrets.builder().source(store.source("app/")).environment("development")
        .ticker(ticker).refreshRateLimit(Duration.ZERO).build()) {
      secrets.onRotation("db-password", (n, o, c) -> rotations.add(o + "->" + c));
      assertThat(secrets.get("db-password").asString()).isEqualTo("old-pw");

      // a rotation function: the new value as AWSPENDING first, then AWSCURRENT moved onto it
      String newId = store.admin.putSecretValue(r -> r.secretId("app/db-password").secretString("new-pw")
          .versionStages("AWSPENDING")).versionId();
      ticker.advance(Duration.ofSeconds(2));
      assertThat(secrets.refresh("db-password").asString()).isEqualTo("old-pw");
      assertThat(rotations).isEmpty();

      store.admin.updateSecretVersionStage(r -> r.secretId("app/db-password").versionStage("AWSCURRENT")
          .moveToVersionId(newId).removeFromVersionId(oldId));
      ticker.advance(Duration.ofSeconds(2));
      assertThat(secrets.refresh("db-password").asString()).isEqualTo("new-pw");
      secrets.refresh("db-password");

      assertThat(rotations).containsExactly(oldId + "->" + newId);
      assertThat(secrets.versions("db-password")).extracting(Secret::asString).containsExactly("new-pw", "old-pw");
    }
  }

  @Test
  void refresh_ofAnUnchangedSecret_withTheDescribeCheck_readsNoValue() {
    store.put("app/api-key", "v");
    FakeTicker ticker = new FakeTicker();
    try (Secrets secrets = Secrets.builder().source(store.source("app/", "&versionCheck=describe"))
        .environment("development")
        .ticker(ticker).refreshRateLimit(Duration.ZERO).build()) {
      secrets.get("api-key");
      server.resetCalls();
      ticker.advance(Duration.ofSeconds(2));
      secrets.refresh("api-key");

      assertThat(server.calls("DescribeSecret")).isEqualTo(1);
      assertThat(server.calls("GetSecretValue")).isZero();
    }
  }

  // ------------------------------------------------------------------ lifecycle

  @Test
  void close_closesTheSourcesOwnClient() {
    store.put("app/api-key", "v");
    AwsSecretsManagerSource source = store.source("app/");
    source.close();

    assertThatThrownBy(() -> source.fetch("api-key", VersionSelector.CURRENT))
        .isInstanceOfSatisfying(SecretSourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT))
        .hasMessageContaining("closed");
    // the SDK client itself is shut: it refuses work
    assertThatThrownBy(() -> source.client().getSecretValue(r -> r.secretId("app/api-key")))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void id_isTheRedactedUri_andToStringShowsNoMore() {
    AwsSecretsManagerSource source = store.source("app/");

    assertThat(source.id()).isEqualTo(store.uri("app/", ""));
    assertThat(source.toString()).contains(source.id());
  }

  private List<String> seed(String prefix, int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      server.put(prefix + "s-" + i, "value-" + i);
      names.add("s-" + i);
    }
    return names;
  }
}
