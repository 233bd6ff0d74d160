/**
 * Google Cloud Secret Manager for secrets4j. Most applications only add this artifact and configure a
 * {@code gcp-sm://PROJECT} source URI; {@link dev.secrets4j.gcp.GcpSecretManager} is for those that build
 * their own {@code SecretManagerServiceClient}.
 */
package dev.secrets4j.gcp;
