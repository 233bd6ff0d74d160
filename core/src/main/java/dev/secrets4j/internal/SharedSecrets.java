package dev.secrets4j.internal;

import dev.secrets4j.Secret;
import java.time.Instant;

/**
 * Lets the resolver create and destroy resolver-owned {@link Secret} instances without making that
 * ability public API (the JDK's SharedSecrets pattern).
 */
public final class SharedSecrets {
  /** Implemented by {@link Secret}. */
  public interface SecretAccess {
    Secret shared(String name, String versionId, Instant created, byte[] value);

    void destroyShared(Secret secret);
  }

  private static volatile SecretAccess secretAccess;

  private SharedSecrets() {}

  /** Called once, by {@link Secret}'s static initializer. */
  public static void setSecretAccess(SecretAccess access) {
    if (secretAccess != null) {
      throw new IllegalStateException("already set");
    }
    secretAccess = access;
  }

  public static SecretAccess secrets() {
    SecretAccess a = secretAccess;
    if (a == null) {
      try {
        Class.forName(Secret.class.getName(), true, Secret.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = secretAccess;
    }
    return a;
  }
}
