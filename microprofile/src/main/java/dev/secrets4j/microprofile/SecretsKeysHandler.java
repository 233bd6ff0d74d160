package dev.secrets4j.microprofile;

import dev.secrets4j.Secrets;
import io.smallrye.config.SecretKeysHandler;

/** {@code ${secrets4j::NAME}}: the current value of the secret {@code NAME}, read through the resolver's cache. */
final class SecretsKeysHandler implements SecretKeysHandler {
  private final Secrets secrets;

  SecretsKeysHandler(Secrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public String decode(String secret) {
    return secrets.get(secret.trim()).asString();
  }

  @Override
  public String getName() {
    return Secrets4jSecretKeysHandlerFactory.NAME;
  }

  @Override
  public String toString() {
    return "secrets4j handler[" + secrets.environment() + " " + secrets.sourceId() + "]";
  }
}
