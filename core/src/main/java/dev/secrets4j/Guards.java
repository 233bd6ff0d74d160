package dev.secrets4j;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretVersion;
import java.util.Optional;

/** The on-read guards, as the resolver calls them. Configured by the builder. Not API. */
class Guards {
  /** No guard at all. */
  public static final Guards NONE = new Guards();

  /** Whether {@link #checkMetadata} needs the store's metadata at load time. */
  public boolean wantsMetadata() {
    return false;
  }

  /** Whether {@link #checkAccess} can refuse anything (else the hit path skips it). */
  public boolean checksAccess() {
    return false;
  }

  /** Refuses an access without principal and purpose where policy requires one. */
  public void checkAccess(Environment env, String name, AccessContext access) throws SecretAccessDeniedException {}

  /** Refuses a value that must not be used in {@code env}. */
  public void checkValue(Environment env, String name, String sourceId, SecretVersion version)
      throws EnvironmentViolationException {}

  /** Refuses a secret whose store-side environment tag names another environment. */
  public void checkMetadata(Environment env, String name, String sourceId, Optional<SecretMetadata> metadata)
      throws EnvironmentViolationException {}
}
