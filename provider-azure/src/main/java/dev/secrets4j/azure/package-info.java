/**
 * Azure Key Vault sources built in code, for applications that pick the vault themselves or bring their own SDK
 * client, credential or HTTP transport: {@link dev.secrets4j.azure.AzureSecretSources}. Configuration needs none of
 * this: an {@code azure-kv} URI is enough.
 */
package dev.secrets4j.azure;
