package dev.secrets4j.aws.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.test.aws.LocalSecretsManager;
import dev.secrets4j.spi.SourceUri;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/** A started local Secrets Manager, an operator's SDK client on it, and sources created from aws-sm URIs. */
final class LocalStore implements AutoCloseable {
  final LocalSecretsManager server = LocalSecretsManager.start();
  final SecretsManagerClient admin = server.newClient();
  private final List<AwsSecretsManagerSource> sources = new ArrayList<>();

  /** {@code aws-sm://us-east-1?prefix=PREFIX&endpoint=LOCAL} plus {@code extra} ({@code &k=v...}). */
  String uri(String prefix, String extra) {
    return "aws-sm://us-east-1?prefix=" + prefix + "&endpoint=" + server.endpoint() + extra;
  }

  /** A source created by the provider, as {@code Secrets.fromConfig()} would create it. */
  AwsSecretsManagerSource source(String prefix) {
    return source(prefix, "");
  }

  AwsSecretsManagerSource source(String prefix, String extra) {
    AwsSecretsManagerSource s = (AwsSecretsManagerSource) new AwsSecretsManagerProvider()
        .create(SourceUri.parse(uri(prefix, extra), Environment.DEVELOPMENT));
    sources.add(s);
    return s;
  }

  /** Stores {@code value} as the new current version through the SDK; returns the new version id. */
  String put(String secretId, String value) {
    try {
      return admin.createSecret(r -> r.name(secretId).secretString(value)).versionId();
    } catch (ResourceExistsException e) {
      return admin.putSecretValue(r -> r.secretId(secretId).secretString(value)).versionId();
    }
  }

  /** Stores binary {@code value} as the new current version through the SDK; returns the new version id. */
  String putBinary(String secretId, byte[] value) {
    try {
      return admin.createSecret(r -> r.name(secretId).secretBinary(SdkBytes.fromByteArray(value))).versionId();
    } catch (ResourceExistsException e) {
      return admin.putSecretValue(r -> r.secretId(secretId).secretBinary(SdkBytes.fromByteArray(value))).versionId();
    }
  }

  @Override
  public void close() {
    sources.forEach(AwsSecretsManagerSource::close);
    admin.close();
    server.close();
  }
}
