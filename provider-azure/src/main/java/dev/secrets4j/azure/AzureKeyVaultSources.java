package dev.secrets4j.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.security.keyvault.secrets.SecretClient;
import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.azure.internal.KeyVaultSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.util.Objects;

/**
 * Azure Key Vault sources built in code, for applications that inject their own {@link SecretClient},
 * {@link TokenCredential} or {@link HttpClient}. Hand the result to
 * {@code Secrets.builder().source(SecretSource)}; it then serves whatever environment is detected, so pick the
 * environment's vault yourself. Configured sources ({@code azure-kv} URIs) need none of this.
 *
 * <p>Every source maps {@code .}, {@code _} and {@code /} in secret names to {@code -} and refuses two names that
 * meet on one Key Vault name; its version ids are Key Vault version ids.
 */
public final class AzureKeyVaultSources {
  private AzureKeyVaultSources() {}

  /**
   * A source over {@code client}, used exactly as configured: its vault, credential, retries and timeouts. Its id is
   * {@code azure-kv:} followed by the client's vault URL.
   */
  public static SecretSource fromClient(SecretClient client) {
    return KeyVaultSources.fromClient(Objects.requireNonNull(client, "client"));
  }

  /**
   * A source for {@code uri} ({@code azure-kv://VAULT-NAME} or {@code azure-kv:https://host[:port]}, with the same
   * parameters as in configuration) authenticated by {@code credential}, over the JDK HTTP client with the URI's
   * bounds.
   *
   * @throws SecretConfigurationException when the URI is malformed
   * @throws IllegalArgumentException when the URI still contains {@code {env}}
   */
  public static SecretSource fromUri(String uri, TokenCredential credential) {
    return fromUri(uri, credential, null);
  }

  /**
   * As {@link #fromUri(String, TokenCredential)}, over {@code httpClient} (for a proxy or TLS trust of your own;
   * null for the default). The URI's per-try timeout is passed in each request's context, which the SDK's HTTP
   * clients honour; their other timeouts are yours.
   *
   * @throws SecretConfigurationException when the URI is malformed
   * @throws IllegalArgumentException when the URI still contains {@code {env}}
   */
  public static SecretSource fromUri(String uri, TokenCredential credential, HttpClient httpClient) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(credential, "credential");
    if (uri.contains("{env}")) {
      throw new IllegalArgumentException("the source URI contains {env}, which only configuration expands;"
          + " put the environment's vault in the URI");
    }
    return KeyVaultSources.fromUri(SourceUri.parse(uri, Environment.DEVELOPMENT), credential, httpClient);
  }
}
