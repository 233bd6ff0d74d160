/**
 * The Azure Key Vault provider's implementation: the {@link java.util.ServiceLoader} provider for
 * {@code azure-kv} URIs, the source, name mapping, retry and error mapping. <strong>Not API</strong>: anything
 * here may change in any release without notice; applications use {@code dev.secrets4j.azure}.
 */
package dev.secrets4j.azure.internal;
