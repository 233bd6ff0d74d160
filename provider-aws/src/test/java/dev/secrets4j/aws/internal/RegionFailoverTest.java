package dev.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.aws.Fault;
import dev.secrets4j.test.aws.LocalSecretsManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fallbackRegions=}: three local servers, each its own region (us-east-1 the primary, us-west-2 and eu-west-1
 * holding its replicas), reached through {@code endpoint.REGION=}; the time of the cool-down comes from a clock
 * the test moves.
 */
class RegionFailoverTest {
  private final LocalSecretsManager primary = LocalSecretsManager.start();
  private final LocalSecretsManager west = LocalSecretsManager.startInRegion("us-west-2");
  private final LocalSecretsManager europe = LocalSecretsManager.startInRegion("eu-west-1");
  private final MovableClock clock = new MovableClock();
  private AwsSecretsManagerSource source;

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
    for (LocalSecretsManager server : List.of(primary, west, europe)) {
      try {
        server.close();
      } catch (RuntimeException e) {
        // closed by the test already
      }
    }
  }

  private AwsSecretsManagerSource source(String extra) {
    String uri = "aws-sm://us-east-1?prefix=app/&maxAttempts=1&endpoint=" + primary.endpoint()
        + "&fallbackRegions=us-west-2,eu-west-1&endpoint.us-west-2=" + west.endpoint() + "&endpoint.eu-west-1="
        + europe.endpoint() + extra;
    source = AwsSources.create(AwsSourceSettings.parse(SourceUri.parse(uri, Environment.DEVELOPMENT)), null, clock);
    return source;
  }

  private void replicate() {
    primary.replicateTo(west);
    primary.replicateTo(europe);
  }

  @Test
  void primaryOutage_isAnsweredByTheReplica_andAfterTheCoolDownThePrimaryIsAskedFirstAgain() throws Exception {
    String v1 = primary.put("app/db", "pw-1");
    replicate();
    AwsSecretsManagerSource s = source("");
    assertThat(s.fetch("db", VersionSelector.CURRENT).versionId()).isEqualTo(v1);
    assertThat(west.calls("GetSecretValue")).as("no failover while the primary answers").isZero();
    assertThat(s.fetch("db", VersionSelector.CURRENT).origin()).as("the primary's answer notes nothing").isEmpty();

    primary.inject(Fault.serviceUnavailable());
    SecretVersion fromReplica = s.fetch("db", VersionSelector.CURRENT);
    assertThat(fromReplica.valueAsString()).isEqualTo("pw-1");
    assertThat(fromReplica.origin()).as("noted for the audit trail")
        .contains("replica region us-west-2 (primary us-east-1 failing)");
    assertThat(primary.calls("GetSecretValue")).isEqualTo(3);
    assertThat(west.calls("GetSecretValue")).isEqualTo(1);
    assertThat(west.lastSigningRegion()).as("the replica's client signs for its own region").isEqualTo("us-west-2");

    clock.advance(Duration.ofSeconds(29));
    assertThat(s.fetch("db", VersionSelector.CURRENT).versionId()).as("the replica has the same version id")
        .isEqualTo(v1);
    assertThat(primary.calls("GetSecretValue")).as("within the cool-down the primary is skipped").isEqualTo(3);
    assertThat(west.calls("GetSecretValue")).isEqualTo(2);

    primary.clearFaults();
    clock.advance(RegionFailover.PRIMARY_RETRY_AFTER);
    SecretVersion fromPrimary = s.fetch("db", VersionSelector.CURRENT);
    assertThat(fromPrimary.valueAsString()).isEqualTo("pw-1");
    assertThat(fromPrimary.origin()).isEmpty();
    assertThat(primary.calls("GetSecretValue")).as("after the cool-down the primary answers again").isEqualTo(4);
    assertThat(west.calls("GetSecretValue")).isEqualTo(2);
    assertThat(europe.totalCalls()).as("the second fallback is never needed").isZero();
  }

  @Test
  void primaryNotFoundOrDenied_isTheStoresAnswer_andNeverFailedOver() {
    primary.put("app/denied", "pw");
    primary.denyAccess("app/denied");
    replicate();
    west.put("app/revoked", "stale-replica-copy");
    AwsSecretsManagerSource s = source("");

    assertThat(catchThrowableOfType(SecretSourceException.class,
        () -> s.fetch("revoked", VersionSelector.CURRENT)).kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(catchThrowableOfType(SecretSourceException.class,
        () -> s.fetch("denied", VersionSelector.CURRENT)).kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(west.totalCalls() + europe.totalCalls()).as("no replica is asked").isZero();
  }

  @Test
  void primaryUnreachable_everyReadPathIsAnsweredByTheReplica_arnsRewrittenToItsRegion() throws Exception {
    primary.put("app/db", "pw");
    primary.put("app/api-key", "key");
    primary.tag("app/db", "environment", "development");
    replicate();
    String arn = primary.arn("app/db");
    AwsSecretsManagerSource s = source("&versionCheck=describe");
    String version = s.fetch("db", VersionSelector.CURRENT).versionId();
    primary.close(); // connection refused from now on

    assertThat(s.fetch(arn, VersionSelector.CURRENT).valueAsString()).isEqualTo("pw");
    assertThat(west.lastRequest("GetSecretValue").get("SecretId")).as("the replica's ARN names its region")
        .isEqualTo(arn.replace(":us-east-1:", ":us-west-2:"));
    assertThat(s.fetchAll(List.of("db", "api-key", arn))).containsOnlyKeys("db", "api-key", arn)
        .allSatisfy((name, v) -> assertThat(v.origin()).hasValueSatisfying(o -> assertThat(o).contains("us-west-2")));
    assertThat(west.calls("BatchGetSecretValue")).isEqualTo(1);
    assertThat(s.currentVersionId("db")).contains(version);
    assertThat(s.metadata("db").orElseThrow().environmentTag()).contains("development");
    assertThat(s.metadataAll(List.of("db", "api-key"))).containsOnlyKeys("db", "api-key");
    assertThat(west.calls("ListSecrets")).isEqualTo(1);
    assertThat(europe.totalCalls()).isZero();
  }

  @Test
  void primaryTimingOut_isAnsweredByTheReplica() throws Exception {
    primary.put("app/db", "pw");
    replicate();
    AwsSecretsManagerSource s = source("&attemptTimeout=300ms");
    primary.inject(Fault.hang());

    assertThat(s.fetch("db", VersionSelector.CURRENT).valueAsString()).isEqualTo("pw");
    assertThat(west.calls("GetSecretValue")).isEqualTo(1);
  }

  @Test
  void aReplicaThatCannotAnswer_isSkippedForTheNextRegion() throws Exception {
    primary.put("app/db", "pw");
    primary.replicateTo(europe); // not replicated to us-west-2: it answers ResourceNotFoundException
    AwsSecretsManagerSource s = source("");
    primary.inject(Fault.internalError());

    assertThat(s.fetch("db", VersionSelector.CURRENT).valueAsString()).isEqualTo("pw");
    assertThat(west.calls("GetSecretValue")).isEqualTo(1);
    assertThat(europe.calls("GetSecretValue")).isEqualTo(1);
  }

  @Test
  void everyRegionDown_isTransient_namingHowEachRegionFailed() {
    primary.put("app/db", "pw");
    replicate();
    AwsSecretsManagerSource s = source("");
    primary.inject(Fault.serviceUnavailable());
    west.inject(Fault.throttling());
    europe.inject(Fault.internalError());

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> s.fetch("db", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e).hasMessageContaining("ServiceUnavailableException")
        .hasMessageContaining("us-west-2: ThrottlingException, HTTP 400")
        .hasMessageContaining("eu-west-1: InternalServiceError, HTTP 500")
        .hasMessageNotContaining("pw");

    SecretSourceException inCoolDown = catchThrowableOfType(SecretSourceException.class,
        () -> s.fetch("db", VersionSelector.CURRENT));
    assertThat(inCoolDown.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(primary.calls("GetSecretValue")).as("in the cool-down the primary is still tried last").isEqualTo(2);
  }

  @Test
  void arnOfAnotherRegionOrService_isNotRewritten() {
    assertThat(RegionFailover.arnIn("arn:aws:secretsmanager:us-east-1:123456789012:secret:a:b-AbCdEf", "us-east-1",
        "us-west-2")).isEqualTo("arn:aws:secretsmanager:us-west-2:123456789012:secret:a:b-AbCdEf");
    assertThat(RegionFailover.arnIn("arn:aws:secretsmanager:eu-central-1:123456789012:secret:a", "us-east-1",
        "us-west-2")).isEqualTo("arn:aws:secretsmanager:eu-central-1:123456789012:secret:a");
    assertThat(RegionFailover.arnIn("app/db", "us-east-1", "us-west-2")).isEqualTo("app/db");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "fallbackRegions=US-WEST-2 | 'US-WEST-2', which is not an AWS region name",
      "fallbackRegions=us-west-2, | '', which is not an AWS region name",
      "fallbackRegions=us-west-2,us-west-2 | names us-west-2 twice",
      "fallbackRegions=us-east-1 | the source's own region",
      "fallbackRegions=us-west-1,us-west-2,eu-west-1,eu-west-2,eu-west-3,eu-north-1 | at most 5",
      "fallbackRegions=us-west-2&endpoint.eu-west-1=http://127.0.0.1:1 | eu-west-1 is not one of fallbackRegions",
      "endpoint.us-west-2=http://127.0.0.1:1 | endpoint.us-west-2 but us-west-2 is not one of fallbackRegions",
      "fallbackRegions=us-west-2&endpoint.us-west-2=ftp://x | it must be an http(s) URL",
      "fallbackRegions=us-west-2&endpoint.us-west-2=http://127.0.0.1:1&fips=true | drop endpoint="})
  void malformedFallbackRegions_areNamedWithTheValidForm(String params, String problem) {
    assertThatThrownBy(() -> AwsSourceSettings.parse(SourceUri.parse("aws-sm://us-east-1?" + params,
        Environment.DEVELOPMENT)))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining(problem)
        .hasMessageContaining("fallbackRegions=");
  }

  @Test
  void fallbackRegions_areParsedInOrder_withTheirEndpoints() {
    AwsSourceSettings s = AwsSourceSettings.parse(SourceUri.parse("aws-sm://us-east-1?fallbackRegions=us-west-2,"
        + "eu-west-1&endpoint.eu-west-1=https://vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com",
        Environment.DEVELOPMENT));

    assertThat(s.fallback().regions()).containsExactly("us-west-2", "eu-west-1");
    assertThat(s.inRegion("eu-west-1").endpoint()).hasHost("vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com");
    assertThat(s.inRegion("us-west-2").endpoint()).as("the regional endpoint").isNull();
    assertThat(s.inRegion("us-west-2").region()).isEqualTo("us-west-2");
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-05T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
