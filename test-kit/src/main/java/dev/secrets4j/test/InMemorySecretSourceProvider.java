package dev.secrets4j.test;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import java.util.Set;

/**
 * The {@code memory:NAME} scheme, for configuration files in tests: the {@link InMemorySecretSource#named(String)}
 * store of that name ({@code memory:} alone is {@code default}). Found through {@link java.util.ServiceLoader}
 * when the test kit is on the class path; {@link Secrets4jTest} forgets every named store after each test.
 */
public final class InMemorySecretSourceProvider implements SecretSourceProvider {
  /** Created by {@link java.util.ServiceLoader}. */
  public InMemorySecretSourceProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("memory");
  }

  /**
   * The named store.
   *
   * @throws dev.secrets4j.SecretConfigurationException if the URI has parameters
   */
  @Override
  public SecretSource create(SourceUri uri) {
    uri.requireOnlyParams(Set.of());
    String name = uri.path().isEmpty() ? "default" : uri.path();
    return InMemorySecretSource.named(name);
  }
}
