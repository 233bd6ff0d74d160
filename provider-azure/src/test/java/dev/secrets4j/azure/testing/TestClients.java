package dev.secrets4j.azure.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.util.function.Consumer;

/** SDK clients that trust {@link TestTls}: the transport for sources under test and an operator's writer. */
public final class TestClients {
  private TestClients() {}

  /** A JDK HTTP client for the SDK that trusts the test certificate. */
  public static HttpClient httpClient() {
    return new JdkHttpClientBuilder(
        java.net.http.HttpClient.newBuilder().sslContext(TestTls.get().clientContext())).build();
  }

  /** A JDK {@link java.net.http.HttpClient.Builder} that trusts the test certificate. */
  public static java.net.http.HttpClient.Builder trustingBuilder() {
    return java.net.http.HttpClient.newBuilder().sslContext(TestTls.get().clientContext());
  }

  /** An SDK client for {@code vault}, as an operator or a rotation job would use it. */
  public static SecretClient client(FakeKeyVault vault) {
    return new SecretClientBuilder()
        .vaultUrl(vault.url())
        .credential(TestCredential.valid())
        .httpClient(httpClient())
        .disableChallengeResourceVerification()
        .buildClient();
  }

  /** Writes a new version of {@code name} through the SDK; {@code properties} adjusts its attributes first. */
  public static KeyVaultSecret put(SecretClient writer, String name, String value, Consumer<SecretProperties> properties) {
    KeyVaultSecret s = new KeyVaultSecret(name, value);
    properties.accept(s.getProperties());
    return writer.setSecret(s);
  }
}
