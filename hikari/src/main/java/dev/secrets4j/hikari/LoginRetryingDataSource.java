package dev.secrets4j.hikari;

import dev.secrets4j.SecretException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * The data source HikariCP opens its connections with, around the real one. HikariCP asks the credentials provider
 * for a user and password and passes them here; when the database refuses them (SQLState class {@code 28}), this
 * is the rotation window: it reloads the secret ({@code refresh}), tries every version the store has (current, then
 * previous), and repeats with a capped, doubling pause until a version is accepted or the retry budget is spent,
 * then throws {@link CredentialsRejectedException}. Any other failure is passed on at once.
 */
final class LoginRetryingDataSource implements DataSource {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(SecretsCredentialsProvider.class);

  private final DataSource delegate;
  private final SecretLogins logins;
  private final LoginRetry retry;
  private final SecretsCredentialsProvider provider;

  LoginRetryingDataSource(DataSource delegate, SecretLogins logins, LoginRetry retry,
      SecretsCredentialsProvider provider) {
    this.delegate = delegate;
    this.logins = logins;
    this.retry = retry;
    this.provider = provider;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Login current = provider.preferredLogin();
    return getConnection(current.username(), current.password());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    try {
      return delegate.getConnection(username, password);
    } catch (SQLException refused) {
      if (!LoginFailures.isLoginRefused(refused)) {
        throw refused;
      }
      return retry(username, password, refused);
    }
  }

  private Connection retry(String username, String password, SQLException firstRefusal) throws SQLException {
    long start = System.nanoTime();
    Set<String> users = new LinkedHashSet<>();
    Set<String> versions = new LinkedHashSet<>();
    List<Login> tried = new ArrayList<>();
    users.add(username);
    LOG.warn("database login for user '{}' refused (SQLState {}) with credentials from secret '{}': the store and "
        + "the database may be in a rotation window; reloading the secret and trying its versions", username,
        LoginFailures.sqlState(firstRefusal), logins.secretName());
    SQLException last = firstRefusal;
    for (int round = 1; round <= retry.rounds(); round++) {
      pause(retry.pauseBefore(round), firstRefusal);
      List<Login> candidates = readVersions(firstRefusal);
      for (int i = 0; i < candidates.size(); i++) {
        Login candidate = candidates.get(i);
        users.add(candidate.username());
        versions.add(candidate.versionId());
        tried.add(candidate);
        if (round == 1 && candidate.matches(username, password)) {
          continue; // refused a moment ago: try the others first
        }
        try {
          Connection connection = delegate.getConnection(candidate.username(), candidate.password());
          provider.loggedIn(candidate, i == 0);
          LOG.info("database login for user '{}' accepted with version {} of secret '{}' ({} of the secret) after "
              + "{} round(s)", candidate.username(), candidate.versionId(), logins.secretName(),
              i == 0 ? "the current version" : "the previous version", round);
          return connection;
        } catch (SQLException e) {
          if (!LoginFailures.isLoginRefused(e)) {
            throw e;
          }
          last = e;
        }
      }
    }
    throw rejected(users, versions, tried, last, Duration.ofNanos(System.nanoTime() - start));
  }

  private void pause(Duration d, SQLException firstRefusal) throws SQLException {
    if (d.isZero()) {
      return;
    }
    try {
      retry.pause().pause(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while retrying the database login with secret '" + logins.secretName()
          + "'", LoginFailures.sqlState(firstRefusal), e);
    }
  }

  private List<Login> readVersions(SQLException firstRefusal) throws SQLException {
    try {
      return logins.refreshedVersions();
    } catch (SecretException e) {
      // secrets4j's messages never carry a value
      throw new SQLException("database login refused and secret '" + logins.secretName()
          + "' could not be read again: " + e.getMessage(), LoginFailures.sqlState(firstRefusal), e);
    }
  }

  private CredentialsRejectedException rejected(Set<String> users, Set<String> versions, List<Login> tried,
      SQLException last, Duration took) {
    String sqlState = LoginFailures.sqlState(last);
    CredentialsRejectedException e = new CredentialsRejectedException("the database refused user "
        + quoted(users) + " with every version of secret '" + logins.secretName() + "' (versions " + versions
        + ", SQLState " + sqlState + ") for " + retry.rounds() + " rounds over " + took.toMillis() + " ms: the store "
        + "and the database disagree for longer than a rotation window. Make the store's current version hold the "
        + "password the database has (finish or roll back the rotation), or set the database's password to it",
        sqlState, logins.secretName(), List.copyOf(users), List.copyOf(versions), retry.rounds());
    if (LoginFailures.safeToChain(last, tried)) {
      e.initCause(last);
    }
    return e;
  }

  private static String quoted(Set<String> users) {
    StringBuilder sb = new StringBuilder();
    for (String u : users) {
      sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(u).append('\'');
    }
    return sb.toString();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(delegate)) {
      return iface.cast(delegate);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(delegate) || delegate.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "LoginRetryingDataSource[secret=" + logins.secretName() + ", retry " + retry + "]";
  }
}
