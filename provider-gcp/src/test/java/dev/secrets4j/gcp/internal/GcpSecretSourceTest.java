package dev.secrets4j.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.cloud.secretmanager.v1.Rotation;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.protobuf.Timestamp;
import dev.secrets4j.EnvironmentViolationException;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.gcp.Fault;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secret Manager specifics, through the real client against the local server. */
class GcpSecretSourceTest extends LocalServerTest {
  private static final String PROJECT = "acme-payments";

  GcpSecretSourceTest() {
    super(PROJECT);
  }

  private Secrets resolver(FakeTicker ticker, String environment) {
    return Secrets.builder().source(source).environment(environment).ticker(ticker)
        .refreshRateLimit(Duration.ZERO).build();
  }

  // ------------------------------------------------------------------------------------------- versions

  @Test
  void versionIds_areTheStoreVersionNumbers_andSelectThatVersion() throws Exception {
    operator.put("api-key", "first");
    operator.put("api-key", "second");

    SecretVersion current = source.fetch("api-key", VersionSelector.CURRENT);
    assertThat(current.versionId()).isEqualTo("2");
    assertThat(current.valueAsString()).isEqualTo("second");
    assertThat(current.stage()).isEqualTo(SecretVersion.Stage.CURRENT);
    assertThat(source.fetch("api-key", VersionSelector.id("1")).valueAsString()).isEqualTo("first");
    assertThat(server.requests()).contains("AccessSecretVersion projects/acme-payments/secrets/api-key/versions/latest",
        "AccessSecretVersion projects/acme-payments/secrets/api-key/versions/1");
  }

  @Test
  void previous_isTheHighestEnabledVersionBelowCurrent_skippingDisabledAndDestroyedOnes() throws Exception {
    for (String v : List.of("v1", "v2", "v3", "v4")) {
      operator.put("signing-key", v);
    }
    operator.disable("signing-key", "3");
    SecretVersion previous = source.fetch("signing-key", VersionSelector.PREVIOUS);
    assertThat(previous.versionId()).isEqualTo("2");
    assertThat(previous.valueAsString()).isEqualTo("v2");
    assertThat(previous.stage()).isEqualTo(SecretVersion.Stage.PREVIOUS);

    operator.destroy("signing-key", "2");
    assertThat(source.fetch("signing-key", VersionSelector.PREVIOUS).versionId()).isEqualTo("1");
  }

  @Test
  void previous_isFoundAcrossPages_whicheverOrderTheStoreListsIn() throws Exception {
    int count = PreviousVersionFinder.PAGE_SIZE + 20;
    for (int i = 1; i <= count; i++) {
      operator.put("busy-key", "value-" + i);
    }
    operator.disable("busy-key", Integer.toString(count - 1));
    server.listOldestFirst(true);

    SecretVersion previous = source.fetch("busy-key", VersionSelector.PREVIOUS);

    assertThat(previous.versionId()).isEqualTo(Integer.toString(count - 2));
    assertThat(previous.valueAsString()).isEqualTo("value-" + (count - 2));
    assertThat(server.calls("ListSecretVersions")).isEqualTo(2);
  }

  @Test
  void previous_whileLatestLagsBehindANewVersion_isStillTheOneBeforeTheNewest() throws Exception {
    server.latestLagsBy(5);
    operator.put("lagging-key", "v1");
    operator.put("lagging-key", "v2");

    SecretVersion previous = source.fetch("lagging-key", VersionSelector.PREVIOUS);

    assertThat(previous.versionId()).isEqualTo("1");
    assertThat(previous.valueAsString()).isEqualTo("v1");
  }

  @Test
  void laggingLatest_theRotationArrivesOnALaterRefresh_asOneListenerCall() throws Exception {
    operator.put("lagging-key", "one");
    FakeTicker ticker = new FakeTicker();
    List<String> rotations = new ArrayList<>();
    try (Secrets secrets = resolver(ticker, "development")) {
      secrets.onRotation("lagging-key", (name, from, to) -> rotations.add(from + "->" + to));
      secrets.get("lagging-key");
      server.latestLagsBy(1);
      operator.put("lagging-key", "two");

      ticker.advance(Duration.ofSeconds(1));
      assertThat(secrets.refresh("lagging-key").asString()).isEqualTo("one");
      ticker.advance(Duration.ofSeconds(1));
      assertThat(secrets.refresh("lagging-key").asString()).isEqualTo("two");
      ticker.advance(Duration.ofSeconds(1));
      secrets.refresh("lagging-key");

      assertThat(rotations).containsExactly("1->2");
    }
  }

  @Test
  void previous_withNoEarlierEnabledVersion_isNotFound() throws Exception {
    operator.put("lonely-key", "v1");
    operator.put("lonely-key", "v2");
    operator.disable("lonely-key", "1");

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("lonely-key", VersionSelector.PREVIOUS));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("lonely-key", "no enabled version before version 2", source.id());
  }

  @Test
  void newVersionOnTheServer_isOneRotationInTheResolver_andVersionsGivesThePreviousOne() throws Exception {
    operator.put("jwt-key", "one");
    FakeTicker ticker = new FakeTicker();
    List<String> rotations = new ArrayList<>();
    try (Secrets secrets = resolver(ticker, "development")) {
      secrets.onRotation("jwt-key", (name, from, to) -> rotations.add(from + "->" + to));
      assertThat(secrets.get("jwt-key").asString()).isEqualTo("one");

      operator.put("jwt-key", "two");
      ticker.advance(Duration.ofSeconds(1));
      assertThat(secrets.refresh("jwt-key").asString()).isEqualTo("two");
      ticker.advance(Duration.ofSeconds(1));
      secrets.refresh("jwt-key");

      assertThat(rotations).containsExactly("1->2");
      assertThat(secrets.versions("jwt-key")).extracting(dev.secrets4j.Secret::asString).containsExactly("two", "one");
    }
  }

  @Test
  void resolverVersions_skipADisabledVersion_forThePreviousOne() throws Exception {
    operator.put("jwt-key", "one");
    operator.put("jwt-key", "two");
    operator.put("jwt-key", "three");
    operator.disable("jwt-key", "2");
    try (Secrets secrets = resolver(new FakeTicker(), "development")) {
      assertThat(secrets.versions("jwt-key")).extracting(dev.secrets4j.Secret::versionId).containsExactly("3", "1");
      assertThat(secrets.versions("jwt-key")).extracting(dev.secrets4j.Secret::asString).containsExactly("three", "one");
    }
  }

  @Test
  void disabledLatestVersion_isPermanent_andSaysHowToFixIt() throws Exception {
    operator.put("old-key", "v1");
    operator.disable("old-key", "1");

    SecretSourceException fetch = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("old-key", VersionSelector.CURRENT));
    SecretSourceException check = catchThrowableOfType(SecretSourceException.class,
        () -> source.currentVersionId("old-key"));

    assertThat(fetch.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(fetch.getMessage()).contains("old-key", "DISABLED", "enable it", "or add a new version", source.id());
    assertThat(check.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(check.getMessage()).contains("old-key", "DISABLED");
  }

  @Test
  void destroyedVersion_isPermanent() throws Exception {
    operator.put("gone-key", "v1");
    operator.put("gone-key", "v2");
    operator.destroy("gone-key", "1");

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("gone-key", VersionSelector.id("1")));

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("DESTROYED");
  }

  // ------------------------------------------------------------------------------------------- integrity

  @Test
  void corruptedPayload_failsTheCrc32cCheck_asTransient_withoutShowingTheValue() throws Exception {
    String value = "canary-" + java.util.UUID.randomUUID();
    operator.put("db-password", value);
    server.corruptNextPayloads(1);

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("db-password", VersionSelector.CURRENT));

    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("db-password", "CRC32C", source.id()).doesNotContain(value);
    assertThat(source.fetch("db-password", VersionSelector.CURRENT).valueAsString()).isEqualTo(value);
  }

  // ------------------------------------------------------------------------------------------- cheap change check

  @Test
  void currentVersionId_isTheLatestNumber_readWithoutThePayload() throws Exception {
    operator.put("cheap-key", "a");
    operator.put("cheap-key", "b");

    assertThat(source.currentVersionId("cheap-key")).contains("2");
    assertThat(server.calls("GetSecretVersion")).isEqualTo(1);
    assertThat(server.calls("AccessSecretVersion")).isZero();
  }

  @Test
  void resolverRefresh_ofAnUnchangedSecret_readsNoPayload_andAChangedOneReadsItOnce() throws Exception {
    operator.put("polled-key", "same");
    FakeTicker ticker = new FakeTicker();
    try (Secrets secrets = resolver(ticker, "development")) {
      secrets.get("polled-key");
      int checks = server.calls("GetSecretVersion");
      assertThat(server.calls("AccessSecretVersion")).isEqualTo(1);

      ticker.advance(Duration.ofSeconds(1));
      assertThat(secrets.refresh("polled-key").asString()).isEqualTo("same");
      assertThat(server.calls("GetSecretVersion")).isEqualTo(checks + 1);
      assertThat(server.calls("AccessSecretVersion")).isEqualTo(1);

      operator.put("polled-key", "changed");
      ticker.advance(Duration.ofSeconds(1));
      assertThat(secrets.refresh("polled-key").asString()).isEqualTo("changed");
      assertThat(server.calls("GetSecretVersion")).isEqualTo(checks + 2);
      assertThat(server.calls("AccessSecretVersion")).isEqualTo(2);
    }
  }

  @Test
  void cheapCheckDenied_fallsBackToReadingThePayload_andStopsAsking() throws Exception {
    operator.put("accessor-only-key", "one");
    server.inject(Fault.status(Status.Code.PERMISSION_DENIED).on("GetSecretVersion"));
    server.inject(Fault.status(Status.Code.PERMISSION_DENIED).on("GetSecret"));
    FakeTicker ticker = new FakeTicker();
    try (Secrets secrets = resolver(ticker, "development")) {
      assertThat(secrets.get("accessor-only-key").asString()).isEqualTo("one");
      // the first refusal is checked with a payload read, which may read it: that read's number is the answer
      assertThat(source.currentVersionId("accessor-only-key")).contains("1");
      assertThat(source.currentVersionId("accessor-only-key")).isEmpty();
      int checks = server.calls("GetSecretVersion");

      operator.put("accessor-only-key", "two");
      ticker.advance(Duration.ofSeconds(1));
      assertThat(secrets.refresh("accessor-only-key").asString()).isEqualTo("two");
      assertThat(source.currentVersionId("accessor-only-key")).isEmpty();
      assertThat(server.calls("GetSecretVersion")).isEqualTo(checks);
    }
  }

  @Test
  void metadataDenied_isEmpty_soAPrincipalThatMayOnlyReadValuesStillReads() throws Exception {
    operator.put("accessor-only-key", "value");
    server.inject(Fault.status(Status.Code.PERMISSION_DENIED).on("GetSecret"));

    assertThat(source.metadata("accessor-only-key")).isEmpty();
    try (Secrets secrets = resolver(new FakeTicker(), "development")) {
      assertThat(secrets.get("accessor-only-key").asString()).isEqualTo("value");
    }
  }

  @Test
  void metadataOfAMissingSecret_isNotFound() {
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class, () -> source.metadata("nowhere-key"));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("nowhere-key");
  }

  // ------------------------------------------------------------------------------------------- metadata

  @Test
  void metadata_carriesDatesRotationExpiryAndLabels() throws Exception {
    Instant nextRotation = Instant.parse("2026-03-01T00:00:00Z");
    Instant expires = Instant.parse("2027-01-01T00:00:00Z");
    Secret created = operator.create("stripe-api-key", Secret.newBuilder()
        .putLabels("environment", "development")
        .putLabels("team", "payments")
        .setRotation(Rotation.newBuilder()
            .setNextRotationTime(Timestamp.newBuilder().setSeconds(nextRotation.getEpochSecond()))
            .setRotationPeriod(com.google.protobuf.Duration.newBuilder().setSeconds(Duration.ofDays(30).toSeconds())))
        .setExpireTime(Timestamp.newBuilder().setSeconds(expires.getEpochSecond()))
        .build());
    operator.put("stripe-api-key", "sk_test_123");
    Timestamp versionCreated = operator.version("stripe-api-key", "1").getCreateTime();

    SecretMetadata m = source.metadata("stripe-api-key").orElseThrow();

    assertThat(m.created()).contains(Instant.ofEpochSecond(created.getCreateTime().getSeconds()));
    assertThat(m.lastChanged()).contains(Instant.ofEpochSecond(versionCreated.getSeconds()));
    assertThat(m.rotationReference()).contains(Instant.ofEpochSecond(versionCreated.getSeconds()));
    assertThat(m.nextRotation()).contains(nextRotation);
    assertThat(m.rotationEnabled()).contains(true);
    assertThat(m.expires()).contains(expires);
    assertThat(m.enabled()).contains(true);
    assertThat(m.environmentTag()).contains("development");
    assertThat(m.tags()).containsEntry("team", "payments");
    assertThat(m.rotationPeriod()).contains(java.time.Duration.ofHours(720));
  }

  @Test
  void metadata_ofASecretWithoutRotationOrVersions_hasItsOwnDatesOnly() throws Exception {
    operator.create("empty-key", Secret.getDefaultInstance());

    SecretMetadata m = source.metadata("empty-key").orElseThrow();

    assertThat(m.created()).isPresent();
    assertThat(m.rotationEnabled()).contains(false);
    assertThat(m.lastChanged()).isEmpty();
    assertThat(m.tags()).isEmpty();
  }

  @Test
  void environmentLabel_ofAnotherEnvironment_isRefusedByTheCoreGuards() throws Exception {
    operator.create("prod-only-key", Secret.newBuilder().putLabels("environment", "production").build());
    operator.put("prod-only-key", "value");
    operator.create("staging-key", Secret.newBuilder().putLabels("environment", "staging").build());
    operator.put("staging-key", "value");

    try (Secrets secrets = resolver(new FakeTicker(), "staging")) {
      assertThat(secrets.get("staging-key").asString()).isEqualTo("value");
      assertThatThrownBy(() -> secrets.get("prod-only-key"))
          .isInstanceOf(EnvironmentViolationException.class)
          .hasMessageContaining("environment=production");
    }
  }

  // ------------------------------------------------------------------------------------------- names

  @Test
  void prefix_isPrependedToTheSecretId() throws Exception {
    operator.put("payments-stripe-key", "prefixed");
    operator.put("stripe-key", "unprefixed");
    try (SecretSource prefixed = source("prefix=payments-")) {
      assertThat(prefixed.fetch("stripe-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("prefixed");
      assertThat(prefixed.id()).endsWith("prefix=payments-");
    }
    assertThat(server.requests())
        .contains("AccessSecretVersion projects/acme-payments/secrets/payments-stripe-key/versions/latest");
  }

  @Test
  void location_readsRegionalSecrets_byTheirRegionalName() throws Exception {
    Operator regional = new Operator(server.newClient(),
        "projects/" + PROJECT + "/locations/europe-west1");
    operator.put("eu-key", "global");
    regional.put("eu-key", "regional");
    try (SecretSource eu = source("location=europe-west1")) {
      assertThat(eu.fetch("eu-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("regional");
      assertThat(eu.currentVersionId("eu-key")).contains("1");
    }
    assertThat(server.requests())
        .contains("AccessSecretVersion projects/acme-payments/locations/europe-west1/secrets/eu-key/versions/latest");
  }

  @Test
  void nameThatIsNoValidSecretId_isPermanent_namesTheRule_andCallsNoStore() {
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("db/password", VersionSelector.CURRENT));

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("db/password", "letters, digits, '-' and '_'");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void versionIdThatIsNeitherNumberNorAlias_isNotFound_andCallsNoStore() throws Exception {
    operator.put("numbered-key", "v");
    int before = server.requests().size();

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("numbered-key", VersionSelector.id("no/such")));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("numbered-key", "no/such", "version alias");
    assertThat(server.requests()).hasSize(before);
  }

  // ------------------------------------------------------------------------------------------- aliases

  @Test
  void versionSelectorById_readsAVersionAlias_asTheNumberItPointsAt() throws Exception {
    operator.put("aliased-key", "one");
    operator.put("aliased-key", "two");
    server.alias("projects/" + PROJECT + "/secrets/aliased-key", "prod", "1");

    SecretVersion prod = source.fetch("aliased-key", VersionSelector.id("prod"));

    assertThat(prod.versionId()).isEqualTo("1");
    assertThat(prod.valueAsString()).isEqualTo("one");
    assertThat(catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("aliased-key", VersionSelector.id("canary"))).kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void aliasParameter_readsTheAliasAsCurrent_fromEveryPath_andFollowsItWhenItMoves() throws Exception {
    String secret = "projects/" + PROJECT + "/secrets/aliased-key";
    operator.put("aliased-key", "one");
    operator.put("aliased-key", "two");
    operator.put("aliased-key", "three");
    server.alias(secret, "prod", "2");
    try (SecretSource prod = source("alias=prod")) {
      assertThat(prod.id()).endsWith("alias=prod");
      assertThat(prod.fetch("aliased-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("two");
      assertThat(prod.currentVersionId("aliased-key")).contains("2");
      assertThat(prod.fetch("aliased-key", VersionSelector.PREVIOUS).versionId()).isEqualTo("1");
      assertThat(prod.fetchAll(List.of("aliased-key")).get("aliased-key").versionId()).isEqualTo("2");

      server.alias(secret, "prod", "3");
      assertThat(prod.currentVersionId("aliased-key")).contains("3");
      operator.disable("aliased-key", "3");
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> prod.currentVersionId("aliased-key"))
          .kind()).isEqualTo(Kind.PERMANENT);
    }
    assertThat(server.requests()).contains("AccessSecretVersion " + secret + "/versions/prod");
  }

  // ------------------------------------------------------------------------------------------- batches

  @Test
  void fetchAll_leavesOutADeniedSecret_andReturnsTheRest() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < BatchFetch.WINDOW + 4; i++) {
      operator.put("batch-" + i, "value-" + i);
      names.add("batch-" + i);
    }
    server.inject(Fault.status(Status.Code.PERMISSION_DENIED).on("AccessSecretVersion").forSecret("batch-3").times(1));

    Map<String, SecretVersion> all = source.fetchAll(names);

    assertThat(all).hasSize(names.size() - 1).doesNotContainKey("batch-3");
    assertThat(all.get("batch-19").valueAsString()).isEqualTo("value-19");
  }

  @Test
  void fetchAll_failsAsAWhole_whenOneReadIsTransient() throws Exception {
    operator.put("batch-a", "a");
    operator.put("batch-b", "b");
    server.inject(Fault.status(Status.Code.UNAVAILABLE).on("AccessSecretVersion").forSecret("batch-b").times(100));

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetchAll(List.of("batch-a", "batch-b")));

    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("batch-b", "UNAVAILABLE");
  }

  // ------------------------------------------------------------------------------------------- lifecycle

  @Test
  void closedSource_refusesReads_asPermanent() throws Exception {
    operator.put("late-key", "v");
    source.fetch("late-key", VersionSelector.CURRENT);
    source.close();

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("late-key", VersionSelector.CURRENT));

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("closed");
  }
}
