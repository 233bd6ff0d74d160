/**
 * secrets4j's Azure Key Vault provider: {@code azure-kv} URIs in configuration (found through
 * {@link java.util.ServiceLoader}), and {@link dev.secrets4j.azure.AzureSecretSources} for sources built in code.
 * Only {@code dev.secrets4j.azure} is exported; the implementation ({@code dev.secrets4j.azure.internal}) is not.
 */
module dev.secrets4j.azure {
  // the factory's signatures name core's SPI and the SDK's client, credential and transport types
  requires transitive dev.secrets4j.core;
  requires transitive com.azure.core;
  requires transitive com.azure.security.keyvault.secrets;
  requires com.azure.core.http.jdk.httpclient;
  requires com.azure.identity;
  requires com.microsoft.aad.msal4j;
  requires com.azure.json;
  requires java.net.http;
  requires org.slf4j;
  requires reactor.core;

  exports dev.secrets4j.azure;

  provides dev.secrets4j.spi.SecretSourceProvider with dev.secrets4j.azure.internal.AzureKeyVaultProvider;
}
