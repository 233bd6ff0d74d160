package dev.secrets4j.azure.internal;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.ConfigurationSource;
import dev.secrets4j.Environment;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.azure.LocalKeyVault;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/** Sources as a configured URI makes them, over the test kit's transport (its trust, its tunnel, no proxy variables). */
final class TestSources {
  private TestSources() {}

  static KeyVaultSecretSource source(String uri, TokenCredential credential, Clock clock, Consumer<String> warnings) {
    return source(uri, credential, Map.of(), clock, warnings);
  }

  /**
   * With the source's own credential (when {@code credential} is null) seeing {@code environment} as the process
   * environment, through azure-core's {@link Configuration}.
   */
  static KeyVaultSecretSource source(String uri, TokenCredential credential, Map<String, String> environment,
      Clock clock, Consumer<String> warnings) {
    KeyVaultSettings s = KeyVaultSettings.parse(SourceUri.parse(uri, Environment.DEVELOPMENT));
    return KeyVaultSources.create(s, credential,
        KeyVaultSources.httpClient(s.timeout(), LocalKeyVault.jdkHttpClientBuilder(), Configuration.NONE),
        environment(environment), clock, warnings);
  }

  /** A configuration whose environment variables are {@code variables} and nothing else. */
  static Configuration environment(Map<String, String> variables) {
    ConfigurationSource none = path -> Map.of();
    return new ConfigurationBuilder(none, none, path -> variables).build();
  }

  static KeyVaultSecretSource source(String uri, TokenCredential credential) {
    return source(uri, credential, Clock.systemUTC(), w -> { });
  }
}
