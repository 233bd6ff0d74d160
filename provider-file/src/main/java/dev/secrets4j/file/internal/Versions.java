package dev.secrets4j.file.internal;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.time.Instant;
import java.util.Arrays;

/**
 * Version semantics of files: the version id is a digest of the value, files keep only the current value, so
 * {@code PREVIOUS} and any other id are {@code NOT_FOUND}.
 */
final class Versions {
  private Versions() {}

  /** Picks {@code selector} from the one value a file holds; zeroes {@code value} afterwards. */
  static SecretVersion select(String name, String sourceId, byte[] value, Instant created, VersionSelector selector)
      throws SecretSourceException {
    try {
      String id = SecretVersion.contentId(value);
      if (selector.kind() == VersionSelector.Kind.CURRENT
          || (selector.kind() == VersionSelector.Kind.ID && selector.versionId().equals(id))) {
        SecretVersion v = SecretVersion.of(id, value);
        return created != null ? v.withCreated(created) : v;
      }
      throw new SecretSourceException(SecretSourceException.Kind.NOT_FOUND, "secret '" + Text.showName(name)
          + "' has no " + selector + " in " + sourceId + ": a file keeps only the current value (version " + id
          + "); the resolver remembers the version before a rotation it has seen");
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }
}
