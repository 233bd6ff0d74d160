package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import java.util.Set;

/**
 * The {@code aws-sm} scheme: {@code aws-sm://REGION?prefix=PREFIX} with optional {@code endpoint},
 * {@code profile}, {@code attemptTimeout}, {@code callTimeout} and {@code maxAttempts}. Found through
 * {@link java.util.ServiceLoader}; not API.
 */
public final class AwsSecretsManagerProvider implements SecretSourceProvider {

  /** For {@link java.util.ServiceLoader}. */
  public AwsSecretsManagerProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of(AwsSourceSettings.SCHEME);
  }

  /**
   * A source with its own SDK client (closed with the source). Validates the URI and builds the client; makes
   * no network call and resolves no credentials until the first read.
   *
   * @throws dev.secrets4j.SecretConfigurationException when the URI is malformed
   */
  @Override
  public SecretSource create(SourceUri uri) {
    return AwsSources.fromUri(uri, null);
  }
}
