package dev.secrets4j.benchmarks.fleet;

import dev.secrets4j.Environment;
import dev.secrets4j.azure.internal.KeyVaultSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.azure.Fault;
import dev.secrets4j.test.azure.LocalKeyVault;
import dev.secrets4j.test.azure.Quotas;
import dev.secrets4j.test.azure.TestCredential;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The local Key Vault (HTTPS, bearer challenge) and {@code azure-kv://} sources, in one version-check mode. */
final class AzureFleetStore implements FleetStore {
  private static final List<String> OPS = List.of("GetSecrets", "GetSecret");

  private final LocalKeyVault vault = LocalKeyVault.start();
  private final Clock clock;
  private final String params;
  private final String label;
  private int throttledBefore;

  /** @param params the mode's URI parameters, {@code versionCheck=list} or empty */
  AzureFleetStore(Clock clock, String params, String label) {
    this.clock = clock;
    this.params = params;
    this.label = label;
    vault.quotas().clock(clock);
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public List<QuotaGroup> published() {
    return List.of(new QuotaGroup("secrets transactions", OPS, Quotas.SECRETS_PER_10_SECONDS, 10));
  }

  @Override
  public void enforce(List<QuotaGroup> quotas) {
    vault.quotas().off();
    quotas.forEach(q -> vault.quotas().limit((int) q.limit()));
  }

  @Override
  public void seed(List<String> names) {
    names.forEach(this::rotate);
  }

  @Override
  public String rotate(String name) {
    return vault.put(name, "value-of-" + name + "-" + UUID.randomUUID());
  }

  @Override
  public SecretSource podSource() {
    String uri = vault.sourceUri("retries=0" + (params.isEmpty() ? "" : "&" + params));
    return KeyVaultSources.fromUri(SourceUri.parse(uri, Environment.DEVELOPMENT), TestCredential.valid(),
        LocalKeyVault.httpClient(), clock);
  }

  @Override
  public void outage(boolean down) {
    if (down) {
      vault.inject(Fault.serviceUnavailable());
    } else {
      vault.clearFaults();
    }
  }

  @Override
  public List<String> operations() {
    return OPS;
  }

  @Override
  public Map<String, Integer> calls() {
    Map<String, Integer> out = new LinkedHashMap<>();
    OPS.forEach(op -> out.put(op, vault.calls(op)));
    return out;
  }

  @Override
  public int throttled() {
    return vault.quotas().throttled() - throttledBefore;
  }

  @Override
  public void resetCalls() {
    vault.resetCalls();
    throttledBefore = vault.quotas().throttled();
  }

  @Override
  public void close() {
    vault.close();
  }
}
