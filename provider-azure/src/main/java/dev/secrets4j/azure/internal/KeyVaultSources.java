package dev.secrets4j.azure.internal;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.Configuration;
import com.azure.security.keyvault.secrets.SecretAsyncClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds Key Vault sources: the SDK client with bounded tries, the HTTP transport and the credential. Public only
 * so that {@code dev.secrets4j.azure} can reach it; not API.
 */
public final class KeyVaultSources {
  private static final Logger LOG = LoggerFactory.getLogger(KeyVaultSecretSource.class);
  private static final String APPLICATION_ID = "secrets4j";

  private KeyVaultSources() {}

  /**
   * A source for {@code uri}: {@code credential} (null: the source's own, see {@link Credentials}, configured by the
   * URI's identity parameters and the environment) over {@code httpClient} (null: the JDK HTTP client with the URI's
   * timeout).
   *
   * @throws SecretConfigurationException when the URI is malformed, or sets identity parameters while a credential
   *     is given
   */
  public static SecretSource fromUri(SourceUri uri, TokenCredential credential, HttpClient httpClient) {
    KeyVaultSettings settings = KeyVaultSettings.parse(uri);
    if (credential != null && settings.identity().configuresCredential()) {
      throw new SecretConfigurationException("source URI '" + settings.id() + "' sets "
          + String.join(", ", settings.identity().given()) + ", which configure the credential the source builds for"
          + " itself, but a credential was given; configure that credential instead");
    }
    return create(settings, credential, httpClient, Configuration.getGlobalConfiguration(), Clock.systemUTC(),
        LOG::warn);
  }

  /**
   * As {@link #fromUri(SourceUri, TokenCredential, HttpClient)}, with validity dates and the {@code confirmEvery}
   * bound on {@code clock}: for simulations on simulated time (the benchmarks). Not API: this package is not exported.
   *
   * @throws SecretConfigurationException when the URI is malformed
   */
  public static SecretSource fromUri(SourceUri uri, TokenCredential credential, HttpClient httpClient, Clock clock) {
    return create(KeyVaultSettings.parse(uri), credential, httpClient, Configuration.getGlobalConfiguration(),
        Objects.requireNonNull(clock, "clock"), LOG::warn);
  }

  /**
   * A source over an application's own client, used as configured (its retries and timeouts, no deadline); its id
   * is {@code azure-kv:<vault URL>}.
   *
   * @param expiryWarning how early to warn about an expiry, or null for the default (14 days); zero for never
   * @param checkDeleted whether a secret's 404 is explained by asking whether it is soft-deleted
   */
  public static SecretSource overClient(SecretClient client, Duration expiryWarning, boolean checkDeleted) {
    Objects.requireNonNull(client, "client");
    return new KeyVaultSecretSource(new VaultCalls.Plain(client), KeyVaultSettings.SCHEME + ":" + client.getVaultUrl(),
        expiryWarning == null ? KeyVaultSettings.DEFAULT_EXPIRY_WARNING : expiryWarning, Clock.systemUTC(), LOG::warn,
        checkDeleted);
  }

  /**
   * @param configuration azure-identity's and azure-core's view of the environment (identity variables, proxies)
   */
  static KeyVaultSecretSource create(KeyVaultSettings settings, TokenCredential credential, HttpClient httpClient,
      Configuration configuration, Clock clock, Consumer<String> warnings) {
    HttpClient http = httpClient != null ? httpClient : httpClient(settings.timeout(), null, configuration);
    TokenCredential cred = credential != null ? credential : Credentials.build(settings, http, configuration);
    SecretAsyncClient client = secretClient(settings, new TimeBoundCredential(cred, settings.tokenTimeout()), http);
    LOG.debug("Key Vault source {}: vault {}, per-try timeout {}, {} retries, Retry-After honoured up to {}, token"
        + " timeout {}, deadline {}", settings.id(), settings.vaultUrl(), settings.timeout(), settings.retries(),
        settings.maxRetryWait(), settings.tokenTimeout(), settings.deadline());
    return new KeyVaultSecretSource(new VaultCalls.Bounded(client, settings.timeout(), settings.deadline()), settings.id(),
        settings.expiryWarning(), clock, warnings, settings.checkDeleted(),
        settings.listCheck() ? settings.confirmEvery() : null);
  }

  /**
   * The JDK HTTP client with every timeout (connect, write, response, read) set to {@code timeout}, built on
   * {@code base} (TLS settings, proxy) or, when null, on the SDK's defaults and shared executor; proxy settings
   * ({@code HTTPS_PROXY}, {@code NO_PROXY}, ...) from {@code configuration}.
   */
  static HttpClient httpClient(Duration timeout, java.net.http.HttpClient.Builder base, Configuration configuration) {
    return (base == null ? new JdkHttpClientBuilder() : new JdkHttpClientBuilder(base))
        .configuration(configuration)
        .connectionTimeout(timeout)
        .writeTimeout(timeout)
        .responseTimeout(timeout)
        .readTimeout(timeout)
        .build();
  }

  private static SecretAsyncClient secretClient(KeyVaultSettings settings, TokenCredential credential, HttpClient http) {
    SecretClientBuilder b = new SecretClientBuilder()
        .vaultUrl(settings.vaultUrl())
        .credential(credential)
        .httpClient(http)
        .retryPolicy(new RetryPolicy(new BoundedRetryStrategy(settings.retries(), settings.maxRetryWait())))
        .addPolicy(new NoContentLengthOnReads())
        .clientOptions(new ClientOptions().setApplicationId(APPLICATION_ID));
    if (!settings.verifyChallengeResource()) {
      b.disableChallengeResourceVerification();
    }
    return b.buildAsyncClient();
  }
}
