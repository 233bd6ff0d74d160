package dev.secrets4j.spi;

import java.util.List;

/**
 * A {@link java.util.ServiceLoader} plug-in that adds credential formats to the live/test-key guards.
 * Register it in {@code META-INF/services/dev.secrets4j.spi.CredentialPatterns}.
 */
public interface CredentialPatterns {
  /** The formats this plug-in contributes. */
  List<CredentialPattern> patterns();
}
