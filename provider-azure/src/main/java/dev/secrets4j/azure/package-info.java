/**
 * Azure Key Vault sources for applications that bring their own SDK client, credential or HTTP transport:
 * {@link dev.secrets4j.azure.AzureKeyVaultSources}. Configuration needs none of this: an {@code azure-kv} URI
 * is enough.
 */
package dev.secrets4j.azure;
