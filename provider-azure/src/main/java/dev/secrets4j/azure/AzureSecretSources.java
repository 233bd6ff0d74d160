package dev.secrets4j.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.security.keyvault.secrets.SecretClient;
import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.azure.internal.KeyVaultSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.time.Duration;
import java.util.Objects;

/**
 * Azure Key Vault sources built in code, for applications that pick the vault themselves or bring their own
 * {@link SecretClient}, {@link TokenCredential} or {@link HttpClient}. Hand the result to
 * {@code Secrets.builder().source(SecretSource)}; it then serves whatever environment is detected, so pick the
 * environment's vault yourself. Configured sources ({@code azure-kv} URIs in {@code secrets4j.properties}) need none
 * of this.
 *
 * <p>Every source maps {@code .}, {@code _} and {@code /} in secret names to {@code -} and refuses two names that
 * meet on one Key Vault name; its version ids are Key Vault version ids.
 *
 * <pre>{@code
 * SecretSource kv = AzureSecretSources.fromUri("azure-kv://payments-production");
 * SecretSource own = AzureSecretSources.builder(mySecretClient).expiryWarning(Duration.ofDays(30)).build();
 * }</pre>
 */
public final class AzureSecretSources {
  private AzureSecretSources() {}

  /**
   * A source for {@code uri} ({@code azure-kv://VAULT-NAME} or {@code azure-kv:https://host[:port]}, with the same
   * parameters as in configuration), authenticated as a configured source is: a workload identity when the URI
   * names a {@code tokenFile}, else {@code DefaultAzureCredential}, set up by the URI's identity parameters
   * ({@code cloud}, {@code authorityHost}, {@code tenantId}, {@code clientId}, {@code managedIdentityClientId}) and
   * the environment.
   *
   * @throws SecretConfigurationException when the URI is malformed, or a workload identity lacks its client id or
   *     tenant in both the URI and the environment
   * @throws IllegalArgumentException when the URI still contains {@code {env}}
   */
  public static SecretSource fromUri(String uri) {
    return KeyVaultSources.fromUri(parse(uri), null, null);
  }

  /**
   * A source for {@code uri} authenticated by {@code credential}, over the JDK HTTP client with the URI's bounds.
   * The URI's identity parameters configure the default credential only, so with a credential they are an error.
   *
   * @throws SecretConfigurationException when the URI is malformed or sets identity parameters
   * @throws IllegalArgumentException when the URI still contains {@code {env}}
   * @throws NullPointerException when an argument is null
   */
  public static SecretSource fromUri(String uri, TokenCredential credential) {
    return fromUri(uri, credential, null);
  }

  /**
   * As {@link #fromUri(String, TokenCredential)}, over {@code httpClient} (for a proxy or TLS trust of your own;
   * null for the default). The URI's per-try timeout is passed in each request's context, which the SDK's HTTP
   * clients honour; their other timeouts are yours.
   *
   * @throws SecretConfigurationException when the URI is malformed or sets identity parameters
   * @throws IllegalArgumentException when the URI still contains {@code {env}}
   * @throws NullPointerException when {@code uri} or {@code credential} is null
   */
  public static SecretSource fromUri(String uri, TokenCredential credential, HttpClient httpClient) {
    Objects.requireNonNull(credential, "credential");
    return KeyVaultSources.fromUri(parse(uri), credential, httpClient);
  }

  /**
   * A builder for a source over {@code client}, which is used exactly as configured: its vault, credential, retries
   * and timeouts (this module's bounds and deadline do not apply). The source's id is {@code azure-kv:} followed by
   * the client's vault URL.
   *
   * @throws NullPointerException when {@code client} is null
   */
  public static Builder builder(SecretClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  private static SourceUri parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    if (uri.contains("{env}")) {
      throw new IllegalArgumentException("the source URI contains {env}, which only configuration expands;"
          + " put the environment's vault in the URI");
    }
    return SourceUri.parse(uri, Environment.DEVELOPMENT);
  }

  /** Configures one source over an application's {@link SecretClient}. Each setter may be called once. */
  public static final class Builder {
    private final SecretClient client;
    private Duration expiryWarning;
    private Boolean checkDeleted;

    private Builder(SecretClient client) {
      this.client = client;
    }

    /**
     * How early before a version's {@code expires} date a warning is logged (once per version); zero turns it off.
     * Default 14 days.
     *
     * @throws IllegalArgumentException when {@code warning} is negative
     * @throws IllegalStateException when already set
     * @throws NullPointerException when {@code warning} is null
     */
    public Builder expiryWarning(Duration warning) {
      Objects.requireNonNull(warning, "warning");
      if (this.expiryWarning != null) {
        throw new IllegalStateException("expiryWarning was already set to " + this.expiryWarning);
      }
      if (warning.isNegative()) {
        throw new IllegalArgumentException("expiryWarning must not be negative, was " + warning);
      }
      this.expiryWarning = warning;
      return this;
    }

    /**
     * Whether a secret's {@code 404} is explained by asking the vault whether the secret is soft-deleted (the
     * message then says so, with the recovery command); the client's identity needs {@code get} on deleted secrets.
     * Default false: the message says it may be soft-deleted.
     *
     * @throws IllegalStateException when already set
     */
    public Builder checkDeleted(boolean check) {
      if (this.checkDeleted != null) {
        throw new IllegalStateException("checkDeleted was already set to " + this.checkDeleted);
      }
      this.checkDeleted = check;
      return this;
    }

    /** The source over the client. Creating it makes no network call. */
    public SecretSource build() {
      return KeyVaultSources.overClient(client, expiryWarning, checkDeleted != null && checkDeleted);
    }
  }
}
