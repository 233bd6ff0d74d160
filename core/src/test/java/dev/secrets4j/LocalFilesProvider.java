package dev.secrets4j;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.InMemorySecretSource;
import java.util.Set;

/** A provider for scheme {@code localfile:} whose stores are local files: identity by real path. */
public final class LocalFilesProvider implements SecretSourceProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("localfile");
  }

  @Override
  public SecretSource create(SourceUri uri) {
    return InMemorySecretSource.create();
  }

  @Override
  public String identity(SourceUri uri) {
    return uri.localPathIdentity();
  }
}
