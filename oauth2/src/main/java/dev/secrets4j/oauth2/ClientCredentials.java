package dev.secrets4j.oauth2;

import dev.secrets4j.Secret;
import dev.secrets4j.SecretException;
import dev.secrets4j.Secrets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the client id and secret through the resolver, so that the resolver's cache, audit and guards apply: a
 * client secret from another environment's store is refused there, before any token request.
 */
final class ClientCredentials {
  /** One version of the client's credentials. {@link #toString()} never prints the secret. */
  static final class Credential {
    final String clientId;
    final String secret;
    final String versionId;

    Credential(String clientId, String secret, String versionId) {
      this.clientId = clientId;
      this.secret = secret;
      this.versionId = versionId;
    }

    @Override
    public String toString() {
      return "Credential[" + clientId + " v=" + versionId + "]";
    }
  }

  private final Secrets secrets;
  private final ClientConfig config;

  ClientCredentials(Secrets secrets, ClientConfig config) {
    this.secrets = secrets;
    this.config = config;
  }

  /** The current version, a cache hit once loaded. */
  Credential current() {
    try {
      return credential(secrets.get(config.secretName(), config.access()));
    } catch (SecretException e) {
      throw unavailable(e);
    }
  }

  /**
   * After the endpoint refused {@code rejected}: the secret reloaded from the store once, then every version the
   * store keeps (current, then previous) other than the one refused.
   */
  List<Credential> afterRejection(Credential rejected) {
    try {
      secrets.refresh(config.secretName());
      if (!config.jsonCredentials()) {
        secrets.refresh(config.clientIdName());
      }
      List<Credential> others = new ArrayList<>();
      for (Secret version : secrets.versions(config.secretName(), config.access())) {
        Credential c = credential(version);
        if (!c.versionId.equals(rejected.versionId) || !c.clientId.equals(rejected.clientId)) {
          others.add(c);
        }
      }
      return others;
    } catch (SecretException e) {
      throw unavailable(e);
    }
  }

  private Credential credential(Secret secret) {
    if (config.jsonCredentials()) {
      return new Credential(field(secret, "client_id"), field(secret, "client_secret"), secret.versionId());
    }
    String clientId = secrets.get(config.clientIdName(), config.access()).asString().trim();
    return new Credential(clientId, secret.asString(), secret.versionId());
  }

  private String field(Secret secret, String name) {
    try {
      Secret field = secret.field(name);
      try {
        return field.asString();
      } finally {
        field.destroy();
      }
    } catch (SecretException | IllegalArgumentException e) {
      throw new OAuth2TokenException(OAuth2TokenException.Reason.CLIENT_SECRET_UNAVAILABLE, config.client(),
          config.environment(), "secret '" + secret.name() + "' (version " + secret.versionId() + ") for "
              + config.describe() + " has no string field '" + name + "': store the client as JSON "
              + "{\"client_id\": …, \"client_secret\": …}", null);
    }
  }

  private OAuth2TokenException unavailable(SecretException e) {
    return new OAuth2TokenException(OAuth2TokenException.Reason.CLIENT_SECRET_UNAVAILABLE, config.client(),
        config.environment(), "cannot read the credentials of " + config.describe() + ": " + e.getMessage(), e);
  }
}
