package dev.secrets4j.hikari;

import java.util.Objects;

/** One version's database user and password. Prints the version and the user, never the password. */
final class Login {
  private final String versionId;
  private final String username;
  private final String password;

  Login(String versionId, String username, String password) {
    this.versionId = Objects.requireNonNull(versionId, "versionId");
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
  }

  String versionId() {
    return versionId;
  }

  String username() {
    return username;
  }

  String password() {
    return password;
  }

  /** Whether these are the credentials HikariCP passed ({@code username}, {@code password}). */
  boolean matches(String otherUsername, String otherPassword) {
    return username.equals(otherUsername) && password.equals(otherPassword);
  }

  @Override
  public String toString() {
    return "Login[user=" + username + " v=" + versionId + "]";
  }
}
