package dev.secrets4j.benchmarks.fleet;

import dev.secrets4j.Environment;
import dev.secrets4j.aws.internal.SimulatedTimeSources;
import dev.secrets4j.benchmarks.Hermetic;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.aws.Fault;
import dev.secrets4j.test.aws.LocalSecretsManager;
import dev.secrets4j.test.aws.Quotas;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The local Secrets Manager (AWS JSON 1.1 over HTTP) and {@code aws-sm://} sources, in one version-check mode. */
final class AwsFleetStore implements FleetStore {
  static final String PREFIX = "fleet/";
  /** How far the server's ListSecrets lags behind changes: AWS's documented bound. */
  static final Duration LISTING_LAG = Duration.ofMinutes(5);
  private static final List<String> OPS = List.of("ListSecrets", "BatchGetSecretValue", "GetSecretValue",
      "DescribeSecret");

  private final LocalSecretsManager server = LocalSecretsManager.start();
  private final Clock clock;
  private final String params;
  private final String label;
  private int throttledBefore;

  /** @param params the mode's URI parameters, {@code &versionCheck=list} or empty */
  AwsFleetStore(Clock clock, String params, String label) {
    Hermetic.apply();
    this.clock = clock;
    this.params = params;
    this.label = label;
    // AWS documents that ListSecrets "might not reflect changes from the last five minutes": the listing lags that
    // long here, so the rotation times of the listing check include it
    server.clock(clock).listingLag(LISTING_LAG);
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public List<QuotaGroup> published() {
    return List.of(
        new QuotaGroup("ListSecrets", List.of("ListSecrets"), Quotas.LIST_SECRETS, 1, 10),
        new QuotaGroup("BatchGetSecretValue", List.of("BatchGetSecretValue"), Quotas.BATCH_GET_SECRET_VALUE, 1, 50),
        new QuotaGroup("GetSecretValue+DescribeSecret", List.of("GetSecretValue", "DescribeSecret"),
            Quotas.GET_AND_DESCRIBE_COMBINED, 1, 200));
  }

  @Override
  public void enforce(List<QuotaGroup> quotas) {
    server.quotas().off();
    for (QuotaGroup q : quotas) {
      String key = q.operations().size() == 1 ? q.operations().get(0) : Quotas.GET_AND_DESCRIBE;
      server.quotas().limit(key, (int) q.limit(), q.windowSeconds());
    }
  }

  @Override
  public void seed(List<String> names) {
    // the secrets exist long before the fleet starts: created an hour ago, long listed
    server.clock(Clock.offset(clock, Duration.ofHours(-1)));
    names.forEach(this::rotate);
    server.clock(clock);
  }

  @Override
  public String rotate(String name) {
    return server.put(PREFIX + name, "value-of-" + name + "-" + UUID.randomUUID());
  }

  @Override
  public SecretSource podSource() {
    String uri = "aws-sm://us-east-1?prefix=" + PREFIX + "&endpoint=" + server.endpoint() + "&maxAttempts=1" + params;
    return SimulatedTimeSources.fromUri(SourceUri.parse(uri, Environment.DEVELOPMENT), null, clock);
  }

  @Override
  public void outage(boolean down) {
    if (down) {
      server.inject(Fault.serviceUnavailable());
    } else {
      server.clearFaults();
    }
  }

  @Override
  public List<String> operations() {
    return OPS;
  }

  @Override
  public Map<String, Integer> calls() {
    Map<String, Integer> out = new LinkedHashMap<>();
    OPS.forEach(op -> out.put(op, server.calls(op)));
    return out;
  }

  @Override
  public int throttled() {
    return server.quotas().throttled() - throttledBefore;
  }

  @Override
  public void resetCalls() {
    server.resetCalls();
    throttledBefore = server.quotas().throttled();
  }

  @Override
  public void close() {
    server.close();
  }
}
