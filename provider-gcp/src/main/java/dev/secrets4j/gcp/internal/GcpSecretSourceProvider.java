package dev.secrets4j.gcp.internal;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import java.util.Set;

/**
 * The {@code gcp-sm} scheme: {@code gcp-sm://PROJECT?prefix=&location=&alias=&impersonate=&endpoint=&plaintext=&timeout=&attempts=}.
 * Found through {@link java.util.ServiceLoader}; applications do not use it directly.
 */
public final class GcpSecretSourceProvider implements SecretSourceProvider {

  /** For {@link java.util.ServiceLoader}. */
  public GcpSecretSourceProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of(GcpSourceSettings.SCHEME);
  }

  /** Validates the URI; the client (and its credentials) is made on the first read, not here. */
  @Override
  public SecretSource create(SourceUri uri) {
    GcpSourceSettings settings = GcpSourceSettings.parse(uri);
    return new GcpSecretSource(settings, () -> GcpClients.create(settings, null), true);
  }
}
