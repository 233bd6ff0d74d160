package dev.secrets4j.internal;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets from environment variables, as a CI system injects them: {@code stripe-api-key} is read from
 * {@code PREFIX + STRIPE_API_KEY} (upper case, every character but letters and digits becomes {@code _}).
 * Version id: a digest of the value. No previous versions.
 */
public final class EnvSecretSource implements SecretSource {
  private final Map<String, String> env;
  private final String prefix;
  private final String id;

  public EnvSecretSource(Map<String, String> env, String prefix) {
    this.env = env;
    this.prefix = prefix == null ? "" : prefix;
    this.id = "env:" + (this.prefix.isEmpty() ? "" : "?prefix=" + this.prefix);
  }

  /** {@code stripe-api-key} → {@code PREFIX_STRIPE_API_KEY}. */
  public String variableFor(String name) {
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      sb.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toUpperCase(c) : '_');
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    String var = variableFor(name);
    String value = env.get(var);
    if (value == null) {
      throw new SecretSourceException(SecretSourceException.Kind.NOT_FOUND, "secret '" + name
          + "' not found in " + id + " (no environment variable " + var + ")");
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    String versionId = SecretVersion.contentId(bytes);
    boolean served = selector.kind() == VersionSelector.Kind.CURRENT
        || (selector.kind() == VersionSelector.Kind.ID && selector.versionId().equals(versionId));
    if (served) {
      return SecretVersion.of(versionId, bytes);
    }
    throw new SecretSourceException(SecretSourceException.Kind.NOT_FOUND, "secret '" + name + "' has no "
        + selector + " in " + id + "; environment variables keep only their current value");
  }

  @Override
  public Optional<String> currentVersionId(String name) throws SecretSourceException {
    return Optional.of(fetch(name, VersionSelector.CURRENT).versionId());
  }

  @Override
  public String toString() {
    return id;
  }
}
