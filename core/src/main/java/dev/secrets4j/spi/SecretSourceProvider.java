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

  /**
   * The store {@code uri} names, spelled one way, so that the shared-source guard can tell when two
   * environments are configured with one store however differently they spell it. Called for every
   * environment's URI at build time, without creating any source; must not do I/O beyond the local file system.
   * The default is {@link SourceUri#identity()}; providers of local files return
   * {@link SourceUri#localPathIdentity()}, and a provider whose store is private to each process may include
   * {@link SourceUri#environment()}.
   *
   * @throws dev.secrets4j.SecretConfigurationException when the URI is malformed
   */
  default String identity(SourceUri uri) {
    return uri.identity();
  }
}
