package dev.secrets4j.microprofile;

import dev.secrets4j.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Serves each mapped configuration property as the current value of its secret, read through the resolver: the
 * first lookup loads the secret, later ones are cache hits (no I/O) and see a rotation once the resolver has
 * refreshed. Knows its property names without reading any secret. Prints as its name, never a value.
 */
final class SecretsConfigSource implements ConfigSource {
  private final Secrets secrets;
  private final Map<String, String> properties;
  private final int ordinal;
  private final String name;

  SecretsConfigSource(Secrets secrets, Map<String, String> properties, int ordinal) {
    this.secrets = secrets;
    this.properties = Map.copyOf(properties);
    this.ordinal = ordinal;
    this.name = "secrets4j[" + secrets.environment() + " " + secrets.sourceId() + "]";
  }

  /** Reads every mapped secret (one store call each the first time). */
  @Override
  public Map<String, String> getProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String property : properties.keySet()) {
      out.put(property, getValue(property));
    }
    return out;
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  /**
   * The current value of the secret {@code propertyName} is mapped to, or null for a property not mapped here.
   *
   * @throws dev.secrets4j.SecretException as {@link Secrets#get(String)} does, naming the secret and the environment
   */
  @Override
  public String getValue(String propertyName) {
    String secret = properties.get(propertyName);
    return secret == null ? null : secrets.get(secret).asString();
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public int getOrdinal() {
    return ordinal;
  }

  @Override
  public String toString() {
    return name + " ordinal " + ordinal + ", " + properties.size() + " mapped properties";
  }
}
