/**
 * Google Cloud Secret Manager for secrets4j. Most applications only add this artifact and configure a
 * {@code gcp-sm://PROJECT} source URI; {@link dev.secrets4j.gcp.GcpSecretSources} is for those that build sources in
 * code, with credentials or a {@code SecretManagerServiceClient} of their own.
 */
package dev.secrets4j.gcp;
