/**
 * secrets4j's AWS Secrets Manager provider: the {@code aws-sm} URI scheme (found through {@link java.util.ServiceLoader})
 * and {@link dev.secrets4j.aws.AwsSecretSources} for sources built in code. Only {@code dev.secrets4j.aws} is
 * exported; the implementation in {@code dev.secrets4j.aws.internal} is not.
 */
module dev.secrets4j.aws {
  requires transitive dev.secrets4j.core;
  requires transitive software.amazon.awssdk.services.secretsmanager;
  requires transitive software.amazon.awssdk.auth;
  requires transitive software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.services.sts;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.profiles;
  requires software.amazon.awssdk.utils;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.retries.api;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.identity.spi;
  requires org.slf4j;

  exports dev.secrets4j.aws;

  provides dev.secrets4j.spi.SecretSourceProvider with dev.secrets4j.aws.internal.AwsSecretsManagerProvider;
}
