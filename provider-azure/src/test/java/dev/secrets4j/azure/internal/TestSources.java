package dev.secrets4j.azure.internal;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Configuration;
import dev.secrets4j.Environment;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.azure.LocalKeyVault;
import java.time.Clock;
import java.util.function.Consumer;

/** Sources as a configured URI makes them, over the test kit's transport (its trust, its tunnel, no proxy variables). */
final class TestSources {
  private TestSources() {}

  static KeyVaultSecretSource source(String uri, TokenCredential credential, Clock clock, Consumer<String> warnings) {
    KeyVaultSettings s = KeyVaultSettings.parse(SourceUri.parse(uri, Environment.DEVELOPMENT));
    return KeyVaultSources.create(s, credential,
        KeyVaultSources.httpClient(s.timeout(), LocalKeyVault.jdkHttpClientBuilder(), Configuration.NONE), clock,
        warnings);
  }

  static KeyVaultSecretSource source(String uri, TokenCredential credential) {
    return source(uri, credential, Clock.systemUTC(), w -> { });
  }
}
