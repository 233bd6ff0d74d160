package dev.secrets4j.hikari;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import com.zaxxer.hikari.util.DriverDataSource;
import dev.secrets4j.AccessContext;
import dev.secrets4j.Secrets;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HikariCP's credentials provider, reading the database user and password from one JSON secret of a
 * {@link Secrets} resolver ({@code {"username": "app", "password": "…"}} in {@code database-credentials} by default).
 * HikariCP calls {@link #getCredentials()} for every new connection, so every new connection logs in with the
 * current version of the secret; reading it is a cache hit.
 *
 * <p>{@link #configure(HikariConfig)} (or {@link #newDataSource(HikariConfig)}) installs this provider and makes the
 * pool follow a rotation with no failed request:
 * <ul>
 *   <li>on a rotation of the secret (a new current version id), the pool's connections are soft-evicted
 *       ({@code HikariPoolMXBean.softEvictConnections()}): idle ones are replaced at once, busy ones when returned;
 *   <li>a login the database refuses (SQLState class {@code 28}: {@code 28P01}, {@code 28000}) is the rotation
 *       window: the secret is reloaded ({@link Secrets#refresh(String)}) and every version the store has is tried
 *       (current, then previous, from {@link Secrets#versions(String, AccessContext)}), in rounds separated by a
 *       doubling, capped pause (default 6 rounds, 250 ms doubling to 4 s: at most 7.75 s of pauses);
 *   <li>a version other than the current one that the database accepted is used first for the next connections,
 *       until a rotation or a refusal; the current version is then tried first again;
 *   <li>when every round is refused, the login fails with {@link CredentialsRejectedException}, naming the secret
 *       and the database user, never a password (what a caller of the pool then sees is described there).
 * </ul>
 *
 * <p>Both fields are always taken from the same version of the secret, so a user and a password of two versions are
 * never paired. Thread-safe. Create one per pool; {@link #toString()} names the secret and fields, never a value.
 */
public final class SecretsCredentialsProvider implements HikariCredentialsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(SecretsCredentialsProvider.class);

  private final Secrets secrets;
  private final SecretLogins logins;
  private final LoginRetry retry;
  private volatile String preferredVersionId;

  private SecretsCredentialsProvider(Builder b) {
    this.secrets = b.secrets;
    this.retry = b.retry;
    this.logins = new SecretLogins(b.secrets, b.secretName, b.usernameField, b.passwordField, b.access);
    secrets.onRotation(b.secretName, (name, previous, current) -> preferredVersionId = null);
  }

  /**
   * A builder reading credentials through {@code secrets}.
   *
   * @throws NullPointerException if {@code secrets} is null
   */
  public static Builder builder(Secrets secrets) {
    return new Builder(Objects.requireNonNull(secrets, "secrets"));
  }

  /**
   * The user and password of the version to log in with: the current version of the secret, or the version the
   * database last accepted when that was not the current one (until the next rotation).
   *
   * @throws dev.secrets4j.SecretNotFoundException when the secret, or its user or password field, does not exist
   * @throws dev.secrets4j.SecretException when the secret cannot be read (see {@link Secrets#get(String,
   *     AccessContext)}); HikariCP then counts a failed connection attempt
   */
  @Override
  public Credentials getCredentials() {
    Login login = preferredLogin();
    return Credentials.of(login.username(), login.password());
  }

  /**
   * Makes {@code config} read its credentials from this provider and follow rotations, as described above: sets this
   * provider as its credentials provider and puts a login-retrying data source in front of the one it would use
   * ({@code dataSource} if set, else one for its {@code jdbcUrl}, {@code driverClassName} and data source
   * properties, built as HikariCP builds it). When {@code config} is a {@link HikariDataSource} whose pool has not
   * started (as a framework creates it), its connections are also soft-evicted on rotation. Call it once, after every
   * other setting and before the pool starts; the user name set on {@code config}, if any, is not used.
   *
   * <p>This is the entry point for a framework that creates the pool itself from its own properties.
   *
   * @return {@code config}
   * @throws NullPointerException if {@code config} is null
   * @throws IllegalArgumentException if {@code config} has a password set (it would never be used: remove it), has
   *     another credentials provider, or has neither a {@code dataSource} nor a {@code jdbcUrl}
   *     ({@code dataSourceClassName} and JNDI: create the {@code DataSource} and set it)
   * @throws IllegalStateException if {@code config} was already configured, or its pool has started (HikariCP
   *     seals a started pool's configuration)
   * @throws RuntimeException from HikariCP when no JDBC driver accepts {@code jdbcUrl}
   */
  public HikariConfig configure(HikariConfig config) {
    install(config);
    if (config instanceof HikariDataSource) {
      evictOnRotation((HikariDataSource) config);
    }
    return config;
  }

  /**
   * Configures {@code config} (see {@link #configure(HikariConfig)}), starts a pool with it, and soft-evicts that
   * pool's connections on every rotation. The caller closes the pool.
   *
   * @throws NullPointerException if {@code config} is null
   * @throws IllegalArgumentException as {@link #configure(HikariConfig)}
   * @throws IllegalStateException as {@link #configure(HikariConfig)}
   * @throws com.zaxxer.hikari.pool.HikariPool.PoolInitializationException when the pool's first connection fails
   *     (with HikariCP's default {@code initializationFailTimeout}); a refused login has a
   *     {@link CredentialsRejectedException} as its cause
   */
  public HikariDataSource newDataSource(HikariConfig config) {
    install(config);
    HikariDataSource pool = new HikariDataSource(config);
    evictOnRotation(pool);
    return pool;
  }

  /** The secret the credentials are read from. */
  public String secretName() {
    return logins.secretName();
  }

  private void install(HikariConfig config) {
    Objects.requireNonNull(config, "config");
    String pool = config.getPoolName() == null ? "" : " of pool " + config.getPoolName();
    if (config.getDataSource() instanceof LoginRetryingDataSource) {
      throw new IllegalStateException("the configuration" + pool + " already reads its credentials from "
          + "secret '" + secretName() + "'");
    }
    if (config.getPassword() != null) {
      throw new IllegalArgumentException("the configuration" + pool + " has a password set, which would never be "
          + "used: remove it, the password comes from secret '" + secretName() + "'");
    }
    if (config.getCredentialsProvider() != null && config.getCredentialsProvider() != this) {
      throw new IllegalArgumentException("the configuration" + pool + " already has a credentials provider ("
          + config.getCredentialsProvider().getClass().getName() + ")");
    }
    DataSource target = config.getDataSource();
    if (target == null) {
      if (config.getJdbcUrl() == null) {
        throw new IllegalArgumentException("the configuration" + pool + " needs a jdbcUrl or a dataSource (for "
            + "dataSourceClassName or JNDI, create the DataSource and set it with setDataSource)");
      }
      target = new DriverDataSource(config.getJdbcUrl(), config.getDriverClassName(),
          config.getDataSourceProperties(), null, null);
    }
    config.setDataSource(new LoginRetryingDataSource(target, logins, retry, this));
    config.setCredentialsProvider(this);
  }

  private void evictOnRotation(HikariDataSource pool) {
    secrets.onRotation(secretName(), new PoolEviction(pool));
  }

  Login preferredLogin() {
    Login current = logins.current();
    String preferred = preferredVersionId;
    if (preferred == null || preferred.equals(current.versionId())) {
      return current;
    }
    for (Login version : logins.versions()) {
      if (version.versionId().equals(preferred)) {
        return version;
      }
    }
    preferredVersionId = null; // the store no longer has that version
    return current;
  }

  /** The database accepted {@code login}; {@code current}: it is the secret's current version. */
  void loggedIn(Login login, boolean current) {
    if (current) {
      preferredVersionId = null;
      return;
    }
    preferredVersionId = login.versionId();
    LOG.warn("the database accepted user '{}' with version {} of secret '{}', which is not the current version: "
        + "new connections use it until the secret rotates or the database refuses it", login.username(),
        login.versionId(), secretName());
  }

  @Override
  public String toString() {
    return "SecretsCredentialsProvider[secret=" + secretName() + ", fields=" + logins.usernameField() + ","
        + logins.passwordField() + "]";
  }

  /**
   * Configures a {@link SecretsCredentialsProvider}. Each setting may be made once; setters validate at once.
   *
   * <p>Defaults: secret {@code database-credentials}, fields {@code username} and {@code password}, access context
   * {@code AccessContext.of("secrets4j-hikari", "database-login")}, login retry 6 rounds with a pause of 250 ms
   * doubling to 4 s.
   */
  public static final class Builder {
    private final Secrets secrets;
    private String secretName;
    private String usernameField;
    private String passwordField;
    private AccessContext access;
    private LoginRetry retry;

    private Builder(Secrets secrets) {
      this.secrets = secrets;
    }

    /**
     * The JSON secret holding the user and password: a whole secret's name, without {@code #field}.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is empty or names a field ({@code a#b})
     * @throws IllegalStateException if it was already set
     */
    public Builder secret(String name) {
      requireUnset(secretName, "secret");
      Objects.requireNonNull(name, "name");
      if (name.isEmpty() || name.indexOf('#') >= 0) {
        throw new IllegalArgumentException("secret must name a whole JSON secret (set its fields with usernameField "
            + "and passwordField), was '" + name + "'");
      }
      this.secretName = name;
      return this;
    }

    /**
     * The field holding the database user. Default {@code username}.
     *
     * @throws NullPointerException if {@code field} is null
     * @throws IllegalArgumentException if {@code field} is empty
     * @throws IllegalStateException if it was already set
     */
    public Builder usernameField(String field) {
      requireUnset(usernameField, "usernameField");
      this.usernameField = field(field, "usernameField");
      return this;
    }

    /**
     * The field holding the password. Default {@code password}.
     *
     * @throws NullPointerException if {@code field} is null
     * @throws IllegalArgumentException if {@code field} is empty
     * @throws IllegalStateException if it was already set
     */
    public Builder passwordField(String field) {
      requireUnset(passwordField, "passwordField");
      this.passwordField = field(field, "passwordField");
      return this;
    }

    /**
     * Who reads the secret and why, for audit and the access-context guard. Default principal
     * {@code secrets4j-hikari}, purpose {@code database-login}.
     *
     * @throws NullPointerException if {@code access} is null
     * @throws IllegalStateException if it was already set
     */
    public Builder accessContext(AccessContext access) {
      requireUnset(this.access, "accessContext");
      this.access = Objects.requireNonNull(access, "access");
      return this;
    }

    /**
     * How long a refused login is retried: {@code rounds} rounds (each reloads the secret and tries every version),
     * with a pause before each round but the first that starts at {@code initialPause} and doubles up to
     * {@code maxPause}. Keep the sum of the pauses well under the pool's {@code connectionTimeout}, so that a caller
     * waiting for a connection during a rotation gets one. Default 6 rounds, 250 ms doubling to 4 s (7.75 s).
     *
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if {@code rounds} is not between 1 and 100, a pause is negative, or
     *     {@code maxPause} is shorter than {@code initialPause}
     * @throws IllegalStateException if it was already set
     */
    public Builder loginRetry(int rounds, Duration initialPause, Duration maxPause) {
      requireUnset(retry, "loginRetry");
      Objects.requireNonNull(initialPause, "initialPause");
      Objects.requireNonNull(maxPause, "maxPause");
      if (rounds < 1 || rounds > 100) {
        throw new IllegalArgumentException("rounds must be between 1 and 100, was " + rounds);
      }
      if (initialPause.isNegative() || maxPause.compareTo(initialPause) < 0) {
        throw new IllegalArgumentException("pauses must be non-negative with maxPause >= initialPause, were "
            + initialPause + " and " + maxPause);
      }
      this.retry = new LoginRetry(rounds, initialPause, maxPause, LoginRetry.SLEEP);
      return this;
    }

    /** Tests: waits between rounds without sleeping. */
    Builder pause(LoginRetry.Pause pause) {
      this.retry = (retry == null ? LoginRetry.DEFAULT : retry).withPause(pause);
      return this;
    }

    /**
     * A provider with these settings; registers a rotation listener on the secret with the resolver. Reads nothing
     * yet: the secret is first read when a pool asks for credentials.
     */
    public SecretsCredentialsProvider build() {
      secretName = secretName == null ? "database-credentials" : secretName;
      usernameField = usernameField == null ? "username" : usernameField;
      passwordField = passwordField == null ? "password" : passwordField;
      access = access == null ? AccessContext.of("secrets4j-hikari", "database-login") : access;
      retry = retry == null ? LoginRetry.DEFAULT : retry;
      return new SecretsCredentialsProvider(this);
    }

    private static String field(String field, String what) {
      Objects.requireNonNull(field, what);
      if (field.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      return field;
    }

    private static void requireUnset(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set to " + current);
      }
    }
  }
}
