package dev.secrets4j.file.internal;

import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;

/**
 * Why a file could not be read, before it is known which secret asked: a kind and a reason that names the file
 * and hints the fix. Becomes a {@link SecretSourceException} for a fetch or a
 * {@link SecretConfigurationException} when a source is created.
 */
final class Failure extends Exception {
  private static final long serialVersionUID = 1L;

  private final Kind kind;

  Failure(Kind kind, String reason) {
    this(kind, reason, null);
  }

  Failure(Kind kind, String reason, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }

  SecretSourceException forSecret(String name, String sourceId) {
    String n = Text.showName(name);
    switch (kind) {
      case NOT_FOUND:
        return new SecretSourceException(Kind.NOT_FOUND, "secret '" + n + "' not found in " + sourceId + ": "
            + getMessage(), getCause());
      case ACCESS_DENIED:
        return SecretSourceException.accessDenied(n, sourceId, getMessage(), getCause());
      case TRANSIENT:
        return SecretSourceException.transientFailure(n, sourceId, getMessage(), getCause());
      default:
        return SecretSourceException.permanent(n, sourceId, getMessage(), getCause());
    }
  }

  SecretConfigurationException forConfiguration(String sourceId) {
    return new SecretConfigurationException("source " + sourceId + " cannot be used: " + getMessage(), getCause());
  }
}
