package dev.secrets4j.hikari;

import java.sql.SQLException;
import java.util.Collection;

/** Tells a refused login from other connection failures, and keeps a password out of what is reported. */
final class LoginFailures {
  private LoginFailures() {}

  /**
   * Whether the driver refused the credentials: SQLState class {@code 28} (invalid authorization specification:
   * PostgreSQL's {@code 28P01} wrong password and {@code 28000} no such role or rejected by {@code pg_hba}; H2 and
   * most drivers use {@code 28000}), in the exception or any exception chained to it.
   */
  static boolean isLoginRefused(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException && isClass28(((SQLException) t).getSQLState())) {
        return true;
      }
    }
    for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
      if (isClass28(next.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static String sqlState(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
        return ((SQLException) t).getSQLState();
      }
    }
    return null;
  }

  /**
   * Whether {@code e}'s chain is safe to attach as a cause: none of its messages quotes one of the passwords that
   * were tried (a driver that echoes the attempted password would otherwise leak it through the pool's error).
   */
  static boolean safeToChain(Throwable e, Collection<Login> tried) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String text = t.toString();
      for (Login login : tried) {
        if (text.contains(login.password())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isClass28(String sqlState) {
    return sqlState != null && sqlState.startsWith("28");
  }
}
