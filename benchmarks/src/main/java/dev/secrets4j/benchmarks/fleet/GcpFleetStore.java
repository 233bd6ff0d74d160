package dev.secrets4j.benchmarks.fleet;

import dev.secrets4j.gcp.GcpSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.test.gcp.Fault;
import dev.secrets4j.test.gcp.LocalSecretManager;
import dev.secrets4j.test.gcp.Quotas;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The local Secret Manager (gRPC) and {@code gcp-sm://} sources with the default plan (payload reads). */
final class GcpFleetStore implements FleetStore {
  private static final List<String> OPS = List.of("AccessSecretVersion", "ListSecrets", "GetSecret",
      "GetSecretVersion");

  private final LocalSecretManager server = LocalSecretManager.start();
  private int accessBefore;
  private int readBefore;

  GcpFleetStore(Clock clock) {
    server.quotas().clock(clock);
  }

  @Override
  public String label() {
    return "GCP Secret Manager";
  }

  @Override
  public List<QuotaGroup> published() {
    return List.of(
        new QuotaGroup("access requests", List.of("AccessSecretVersion"), Quotas.ACCESS_PER_MINUTE, 60),
        new QuotaGroup("read requests", List.of("ListSecrets", "GetSecret", "GetSecretVersion"),
            Quotas.READ_PER_MINUTE, 60));
  }

  @Override
  public void enforce(List<QuotaGroup> quotas) {
    server.quotas().off();
    for (QuotaGroup q : quotas) {
      server.quotas().limit(q.operations().contains("AccessSecretVersion") ? Quotas.ACCESS : Quotas.READ,
          (int) q.limit());
    }
  }

  @Override
  public void seed(List<String> names) {
    names.forEach(this::rotate);
  }

  @Override
  public String rotate(String name) {
    return server.put(name, "value-of-" + name + "-" + UUID.randomUUID());
  }

  @Override
  public SecretSource podSource() {
    return GcpSecretSources.fromUri(server.sourceUri(LocalSecretManager.PROJECT, "attempts=1"));
  }

  @Override
  public void outage(boolean down) {
    if (down) {
      server.inject(Fault.unavailable());
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
    return server.quotas().throttled(Quotas.ACCESS) - accessBefore + server.quotas().throttled(Quotas.READ)
        - readBefore;
  }

  @Override
  public void resetCalls() {
    server.resetCalls();
    accessBefore = server.quotas().throttled(Quotas.ACCESS);
    readBefore = server.quotas().throttled(Quotas.READ);
  }

  @Override
  public void close() {
    server.close();
  }
}
