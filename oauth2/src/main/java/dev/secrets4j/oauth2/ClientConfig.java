package dev.secrets4j.oauth2;

import dev.secrets4j.AccessContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One client's settings, resolved for the environment the resolver serves: only that environment's endpoint,
 * scopes and audience are kept.
 */
record ClientConfig(
    String client,
    String environment,
    URI tokenUri,
    List<String> scopes,
    String audience,
    ClientAuthentication authentication,
    String credentialsName,
    String clientIdName,
    String clientSecretName,
    AccessContext access,
    double refreshFraction,
    Duration connectTimeout,
    Duration readTimeout) {

  /** {@code true} when one JSON secret holds {@code client_id} and {@code client_secret}. */
  boolean jsonCredentials() {
    return credentialsName != null;
  }

  /** The secret whose versions hold the client secret. */
  String secretName() {
    return jsonCredentials() ? credentialsName : clientSecretName;
  }

  /** {@code client 'partner' in staging (token endpoint https://…)}, for messages. */
  String describe() {
    return "client '" + client + "' in " + environment + " (token endpoint " + tokenUri + ")";
  }
}
