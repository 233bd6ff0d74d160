package dev.secrets4j.hikari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store and the database disagree for longer than the retry budget: the login fails with an error naming the
 * secret and the database user, never a password (nor in any log line). Pauses move the fake time only.
 */
class LoginRefusedBeyondRetryTest {
  private static StderrCapture stderr;

  @BeforeAll
  static void captureLogs() {
    stderr = new StderrCapture();
    Postgres.shared();
  }

  @AfterAll
  static void restoreLogs() {
    stderr.close();
  }

  private static SecretsCredentialsProvider provider(RotationFixture f, AtomicInteger pauses) {
    return SecretsCredentialsProvider.builder(f.secrets)
        .secret(f.secretName)
        .pause(d -> {
          pauses.incrementAndGet();
          f.ticker.advance(d);
        })
        .build();
  }

  @Test
  void poolStart_whenNoVersionIsAccepted_failsNamingSecretAndUser_neverThePassword() {
    String storePassword = RotationFixture.canaryPassword();
    String databasePassword = RotationFixture.canaryPassword();
    AtomicInteger pauses = new AtomicInteger();
    try (RotationFixture f = new RotationFixture("start", storePassword)) {
      f.setSecret(databasePassword);
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(f.pg.jdbcUrl());
      config.setPoolName("start-" + f.role);

      Throwable thrown = catchThrowable(() -> provider(f, pauses).newDataSource(config).close());

      assertThat(thrown).isInstanceOf(HikariPool.PoolInitializationException.class);
      assertThat(thrown.getCause()).isInstanceOf(CredentialsRejectedException.class);
      CredentialsRejectedException rejected = (CredentialsRejectedException) thrown.getCause();
      assertThat(rejected.secretName()).isEqualTo(f.secretName);
      assertThat(rejected.usernames()).containsExactly(f.role);
      assertThat(rejected.versionIds()).containsExactly(f.server.versionIdWithStage(f.secretName, "AWSCURRENT"));
      assertThat(rejected.rounds()).isEqualTo(6);
      assertThat(rejected.getSQLState()).isEqualTo("28P01");
      assertThat(rejected.getMessage()).contains("'" + f.secretName + "'", "'" + f.role + "'", "28P01");
      assertThat(pauses.get()).isEqualTo(5);
      assertNoPassword(thrown, storePassword, databasePassword);
    }
  }

  @Test
  void runningPool_whenTheDatabaseMovesAwayFromEveryVersion_callerSeesHikarisTimeoutWithTheRejectionAsCause()
      throws Exception {
    String storePassword = RotationFixture.canaryPassword();
    String databasePassword = RotationFixture.canaryPassword();
    AtomicInteger pauses = new AtomicInteger();
    try (RotationFixture f = new RotationFixture("running", storePassword)) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(f.pg.jdbcUrl());
      config.setPoolName("running-" + f.role);
      config.setMaximumPoolSize(2);
      config.setConnectionTimeout(2_000);
      try (HikariDataSource pool = provider(f, pauses).newDataSource(config)) {
        try (Connection c = pool.getConnection()) {
          assertThat(c.isValid(1)).isTrue();
        }
        f.setSecret(databasePassword); // changed in the database only, never in the store
        pool.getHikariPoolMXBean().softEvictConnections();

        Throwable thrown = catchThrowable(() -> pool.getConnection().close());

        assertThat(thrown).isInstanceOf(SQLTransientConnectionException.class)
            .hasMessageContaining("Connection is not available");
        assertThat(((SQLTransientConnectionException) thrown).getSQLState()).isEqualTo("28P01");
        assertThat(thrown.getCause()).isInstanceOf(CredentialsRejectedException.class)
            .hasMessageContaining("'" + f.secretName + "'").hasMessageContaining("'" + f.role + "'");
        assertNoPassword(thrown, storePassword, databasePassword);
      }
    }
  }

  private static void assertNoPassword(Throwable thrown, String... passwords) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    for (String password : passwords) {
      assertThat(trace.toString()).as("the exception's trace, causes included").doesNotContain(password);
      assertThat(stderr.text()).as("everything logged").doesNotContain(password);
    }
  }
}
