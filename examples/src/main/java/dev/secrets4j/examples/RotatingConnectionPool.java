package dev.secrets4j.examples;

import dev.secrets4j.AccessContext;
import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A service that rebuilds its database connection pool when the database password rotates: the rotation
 * listener is told the new version id (never the value), reads the new value, builds a new pool and retires the
 * old one once it drains. Reads between rotations cost a cache hit.
 */
public final class RotatingConnectionPool implements AutoCloseable {
  private static final AccessContext CONTEXT = AccessContext.of("orders-service", "database-connection");

  /** Stands in for a real pool (HikariCP and the like): built from a user and password. */
  public static final class Pool implements AutoCloseable {
    private final String user;
    private final String passwordVersion;
    private volatile boolean closed;

    Pool(String user, Secret password) {
      this.user = user;
      this.passwordVersion = password.versionId();
      // a real pool would hand password.asChars() to its driver here
    }

    public String user() {
      return user;
    }

    /** The version of the password this pool was built with. */
    public String passwordVersion() {
      return passwordVersion;
    }

    public boolean isClosed() {
      return closed;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final Secrets secrets;
  private final String secretName;
  private final AtomicReference<Pool> pool = new AtomicReference<>();

  /** {@code secretName}: a JSON secret with {@code username} and {@code password} fields. */
  public RotatingConnectionPool(Secrets secrets, String secretName) {
    this.secrets = secrets;
    this.secretName = secretName;
    pool.set(build());
    secrets.onRotation(secretName, (name, oldVersion, newVersion) -> {
      Pool old = pool.getAndSet(build());
      old.close();
    });
  }

  private Pool build() {
    return new Pool(secrets.get(secretName + "#username", CONTEXT).asString(),
        secrets.get(secretName + "#password", CONTEXT));
  }

  /** The pool to borrow connections from now. */
  public Pool current() {
    return pool.get();
  }

  @Override
  public void close() {
    pool.get().close();
  }
}
