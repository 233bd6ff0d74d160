package dev.secrets4j.hikari;

import dev.secrets4j.AccessContext;
import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads database logins from one JSON secret: the user and password fields of one version, both from the same
 * version (the whole secret is read once and both fields taken from it, so a rotation between two reads cannot
 * pair one version's user with another's password).
 */
final class SecretLogins {
  private final Secrets secrets;
  private final String secretName;
  private final String usernameField;
  private final String passwordField;
  private final AccessContext access;

  SecretLogins(Secrets secrets, String secretName, String usernameField, String passwordField, AccessContext access) {
    this.secrets = secrets;
    this.secretName = secretName;
    this.usernameField = usernameField;
    this.passwordField = passwordField;
    this.access = access;
  }

  String secretName() {
    return secretName;
  }

  String usernameField() {
    return usernameField;
  }

  String passwordField() {
    return passwordField;
  }

  /** The current version's login: a cache hit once loaded. */
  Login current() {
    return login(secrets.get(secretName, access));
  }

  /** The current version's login, then the previous version's where the store keeps one. */
  List<Login> versions() {
    List<Secret> versions = secrets.versions(secretName, access);
    List<Login> out = new ArrayList<>(versions.size());
    for (Secret s : versions) {
      out.add(login(s));
    }
    return out;
  }

  /** Reloads the secret from the store now (rate-limited by the resolver), then {@link #versions()}. */
  List<Login> refreshedVersions() {
    secrets.refresh(secretName);
    return versions();
  }

  private Login login(Secret secret) {
    Secret user = secret.field(usernameField);
    Secret password = secret.field(passwordField);
    try {
      return new Login(secret.versionId(), user.asString(), password.asString());
    } finally {
      user.destroy();
      password.destroy();
    }
  }
}
