package dev.secrets4j.azure.internal;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} provider for {@code azure-kv} URIs: {@code azure-kv://VAULT-NAME} or
 * {@code azure-kv:https://host[:port]}, authenticated with a workload identity ({@code tokenFile}) or
 * {@code DefaultAzureCredential}. Creating a source makes no network call.
 */
public final class AzureKeyVaultProvider implements SecretSourceProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public AzureKeyVaultProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of(KeyVaultSettings.SCHEME);
  }

  @Override
  public SecretSource create(SourceUri uri) {
    return KeyVaultSources.fromUri(uri, null, null);
  }
}
