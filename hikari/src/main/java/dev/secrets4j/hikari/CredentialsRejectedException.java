package dev.secrets4j.hikari;

import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.List;

/**
 * The database refused every version of the credentials secret for longer than the login retry budget: the store
 * and the database disagree beyond a rotation window. Thrown by the data source that
 * {@link SecretsCredentialsProvider#configure(com.zaxxer.hikari.HikariConfig)} installs, so HikariCP records it as
 * the pool's last connection failure: a caller of {@code HikariDataSource.getConnection()} gets HikariCP's
 * {@code SQLTransientConnectionException} ("Connection is not available, request timed out after …") carrying this
 * exception's SQLState, with this exception as its cause and next exception; a pool that fails to start gets
 * HikariCP's {@code PoolInitializationException} with this exception as its cause.
 *
 * <p>The message names the secret, the database user(s) and the version ids tried, the SQLState, the number of
 * rounds and how long they took; never a password. The driver's own exception is attached as the cause only when
 * no password appears in it.
 */
public final class CredentialsRejectedException extends SQLInvalidAuthorizationSpecException {
  private static final long serialVersionUID = 1L;

  private final String secretName;
  private final List<String> usernames;
  private final List<String> versionIds;
  private final int rounds;

  CredentialsRejectedException(String message, String sqlState, String secretName, List<String> usernames,
      List<String> versionIds, int rounds) {
    super(message, sqlState);
    this.secretName = secretName;
    this.usernames = List.copyOf(usernames);
    this.versionIds = List.copyOf(versionIds);
    this.rounds = rounds;
  }

  /** The secret the credentials were read from ({@code database-credentials}). */
  public String secretName() {
    return secretName;
  }

  /** The database users that were refused, in the order tried, without repeats. */
  public List<String> usernames() {
    return usernames;
  }

  /** The store's ids of the versions that were tried, in the order tried, without repeats. */
  public List<String> versionIds() {
    return versionIds;
  }

  /** How many rounds were tried after the first refusal (each: refresh, then every version). */
  public int rounds() {
    return rounds;
  }
}
