package dev.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.aws.LocalKms;
import dev.secrets4j.test.aws.LocalSecretsManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When an operator takes a secret away (deletes it, denies GetSecretValue, disables or refuses its KMS key), no read
 * path keeps handing out the old version: values fail definitively, and the cheap version check is not offered
 * unless the value was read within the bound the source was given.
 */
class RevocationTest {
  private static final String NAME = "db-password";
  private static final String AWS_ID = "app/" + NAME;
  private final LocalStore store = new LocalStore();
  private final LocalSecretsManager server = store.server;
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-06-01T08:00:00Z"));
  private final Clock clock = new Clock() {
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };

  @AfterEach
  void close() {
    store.close();
  }

  private AwsSecretsManagerSource source(String extra) {
    return AwsSources.create(AwsSourceSettings.parse(SourceUri.parse(store.uri("app/", "&maxAttempts=1" + extra),
        Environment.DEVELOPMENT)), null, clock);
  }

  static Stream<Arguments> revocations() {
    return Stream.of(
        Arguments.of("scheduled for deletion", (Consumer<LocalSecretsManager>) s -> s.delete(AWS_ID), Kind.PERMANENT),
        Arguments.of("GetSecretValue denied, DescribeSecret allowed",
            (Consumer<LocalSecretsManager>) s -> s.denyAccess(AWS_ID, "GetSecretValue"), Kind.ACCESS_DENIED),
        Arguments.of("KMS key disabled", (Consumer<LocalSecretsManager>) s -> s.kms().disable(LocalKms.MANAGED_KEY),
            Kind.PERMANENT),
        Arguments.of("KMS key refused", (Consumer<LocalSecretsManager>) s -> s.kms().denyDecrypt(LocalKms.MANAGED_KEY),
            Kind.ACCESS_DENIED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("revocations")
  void byDefault_noPathReturnsTheOldVersion_andFetchIsDefinitive(String label, Consumer<LocalSecretsManager> revoke,
      Kind kind) throws Exception {
    store.put(AWS_ID, "v1");
    AwsSecretsManagerSource source = source("");
    source.fetch(NAME, VersionSelector.CURRENT);
    revoke.accept(server);

    assertThat(source.currentVersionId(NAME)).as("no cheap check to mask it").isEmpty();
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch(NAME, VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(source.fetchAll(List.of(NAME))).as("left for the resolver to read alone").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("revocations")
  void withTheDescribeCheck_theValueIsReadAgainAfterConfirmEvery_andFailsDefinitively(String label,
      Consumer<LocalSecretsManager> revoke, Kind kind) throws Exception {
    String id = store.put(AWS_ID, "v1");
    AwsSecretsManagerSource source = source("&versionCheck=describe&confirmEvery=10m");
    source.fetch(NAME, VersionSelector.CURRENT);
    assertThat(source.currentVersionId(NAME)).contains(id);
    revoke.accept(server);

    now.set(now.get().plus(Duration.ofMinutes(10)).plusMillis(1));
    assertThat(catchThrowableOfType(SecretSourceException.class, () -> {
      if (source.currentVersionId(NAME).isEmpty()) {
        source.fetch(NAME, VersionSelector.CURRENT);
      }
    })).as("the check reads the value again, or fails itself").isNotNull()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Test
  void withTheDescribeCheck_aDeletionIsSeenAtOnce_evenWithinConfirmEvery() throws Exception {
    store.put(AWS_ID, "v1");
    AwsSecretsManagerSource source = source("&versionCheck=describe&confirmEvery=1h");
    source.fetch(NAME, VersionSelector.CURRENT);
    store.admin.deleteSecret(r -> r.secretId(AWS_ID).recoveryWindowInDays(7L));

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.currentVersionId(NAME));
    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("scheduled for deletion", "aws secretsmanager restore-secret --secret-id "
        + AWS_ID);
    assertThat(catchThrowableOfType(SecretSourceException.class, () -> source.metadata(NAME)).kind())
        .isEqualTo(Kind.PERMANENT);
  }

  @Test
  void aSecretScheduledForDeletion_isLeftOutOfTheListing_soItsMetadataIsAskedAlone() throws Exception {
    store.put("app/a", "1");
    store.put(AWS_ID, "2");
    server.delete(AWS_ID);

    assertThat(source("").metadataAll(List.of("a", NAME))).containsOnlyKeys("a");
  }

  @Test
  void refusedGetSecretValue_withDescribeSecretAllowed_isNoticedByTheNextRefresh() {
    store.put(AWS_ID, "v1");
    FakeTicker ticker = new FakeTicker();
    try (Secrets secrets = Secrets.builder().source(source("")).environment("development").ticker(ticker)
        .refreshRateLimit(Duration.ZERO).build()) {
      assertThat(secrets.get(NAME).asString()).isEqualTo("v1");
      server.denyAccess(AWS_ID, "GetSecretValue");
      server.resetCalls();

      ticker.advance(Duration.ofSeconds(2));
      try {
        secrets.refresh(NAME);
      } catch (RuntimeException e) {
        // how long the resolver still serves a revoked value is the resolver's decision; the store was asked
      }
      assertThat(server.calls("GetSecretValue")).as("the refresh read the value, and was refused").isEqualTo(1);
    }
  }
}
