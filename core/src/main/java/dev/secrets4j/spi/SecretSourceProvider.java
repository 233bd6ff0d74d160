package dev.secrets4j.spi;

import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} plug-in for one or more URI schemes. Register the implementation in
 * {@code META-INF/services/dev.secrets4j.spi.SecretSourceProvider}; it needs a public no-argument
 * constructor. Only the detected environment's source is ever created.
 */
public interface SecretSourceProvider {

  /** The URI schemes this provider creates sources for, lower case: {@code aws-sm}, {@code file}. */
  Set<String> schemes();

  /**
   * Creates the source for {@code uri}. Cheap and local where possible: no network call is required here.
   *
   * @throws dev.secrets4j.SecretConfigurationException when the URI is malformed, naming what is wrong
   *     and the valid forms
   */
  SecretSource create(SourceUri uri);
}
