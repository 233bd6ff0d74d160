/**
 * The Google Cloud Secret Manager provider's implementation. Not API: nothing here is stable across
 * releases. Applications use the {@code gcp-sm://} URI scheme, or {@code dev.secrets4j.gcp.GcpSecretSources}
 * when they build their own client.
 */
package dev.secrets4j.gcp.internal;
