package dev.secrets4j.microprofile;

import dev.secrets4j.SecretConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code secrets4j.*} keys of a MicroProfile configuration, read and checked: the resolver's settings (which
 * decide which shared resolver serves them), the property-to-secret mappings of the configuration source, and its
 * ordinal. Fixed keys are looked up by name, so environment variables ({@code SECRETS4J_SOURCE}) count; keys with a
 * part of their own ({@code secrets4j.source.ENV}, {@code secrets4j.property.NAME}) are found among the names the
 * configuration lists, with profile prefixes ({@code %prod.}) resolved to the active profile's value.
 */
final class ConfigSettings {
  static final String PREFIX = "secrets4j.";
  static final String PROPERTY_PREFIX = PREFIX + "property.";
  static final String ORDINAL = PREFIX + "config-source.ordinal";
  /** Above {@code application.properties} (250, 260 in {@code config/}), below environment variables (300). */
  static final int DEFAULT_ORDINAL = 270;

  /** Resolver keys with a fixed name, after {@code secrets4j.}. */
  static final List<String> RESOLVER_KEYS = List.of("environment", "source", "cache.refresh-after",
      "cache.max-stale", "cache.not-found-ttl", "cache.refresh-rate-limit", "cache.maximum-size", "audit.slf4j");
  /** Read by core itself from the system property or {@code SECRETS4J_CONFIG}; allowed, not used here. */
  private static final String CONFIG_FILE = PREFIX + "config";

  private final Map<String, String> resolverKeys;
  private final Map<String, String> properties;
  private final int ordinal;

  private ConfigSettings(Map<String, String> resolverKeys, Map<String, String> properties, int ordinal) {
    this.resolverKeys = Collections.unmodifiableMap(resolverKeys);
    this.properties = Collections.unmodifiableMap(properties);
    this.ordinal = ordinal;
  }

  static ConfigSettings of(ConfigSourceContext context) {
    return read(name -> {
      ConfigValue v = context.getValue(name);
      return v == null ? null : v.getValue();
    }, context::iterateNames);
  }

  static ConfigSettings of(Config config) {
    return read(name -> config.getOptionalValue(name, String.class).orElse(null),
        () -> config.getPropertyNames().iterator());
  }

  /**
   * @throws SecretConfigurationException naming an unknown {@code secrets4j.*} key, an empty mapping or a bad ordinal
   */
  static ConfigSettings read(Function<String, String> lookup, Iterable<String> names) {
    Map<String, String> resolver = new TreeMap<>();
    for (String key : RESOLVER_KEYS) {
      String v = lookup.apply(PREFIX + key);
      if (v != null) {
        resolver.put(PREFIX + key, v);
      }
    }
    Map<String, String> properties = new TreeMap<>();
    Iterator<String> it = names.iterator();
    while (it.hasNext()) {
      String key = withoutProfile(Objects.requireNonNull(it.next()));
      if (!key.startsWith(PREFIX) || resolver.containsKey(key)) {
        continue;
      }
      String value = lookup.apply(key);
      if (value == null) {
        continue;
      }
      if (key.startsWith(PROPERTY_PREFIX) && key.length() > PROPERTY_PREFIX.length()) {
        if (value.isBlank()) {
          throw new SecretConfigurationException("MicroProfile Config key '" + key
              + "' is empty; map the property to a secret name (" + key + "=database-credentials#password)");
        }
        properties.put(key.substring(PROPERTY_PREFIX.length()), value.trim());
      } else if (key.startsWith(PREFIX + "source.") && key.length() > (PREFIX + "source.").length()) {
        resolver.put(key, value);
      } else if (!key.equals(ORDINAL) && !key.equals(CONFIG_FILE)) {
        throw new SecretConfigurationException("unknown MicroProfile Config key '" + key + "'; valid keys: "
            + PREFIX + RESOLVER_KEYS + ", " + PREFIX + "source.ENV, " + PROPERTY_PREFIX + "NAME, " + ORDINAL
            + " (every other setting, guards and audit included, goes in secrets4j.properties)");
      }
    }
    return new ConfigSettings(resolver, properties, ordinal(lookup.apply(ORDINAL)));
  }

  private static String withoutProfile(String name) {
    if (name.startsWith("%")) {
      int dot = name.indexOf('.');
      return dot < 0 ? name : name.substring(dot + 1);
    }
    return name;
  }

  private static int ordinal(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_ORDINAL;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new SecretConfigurationException("MicroProfile Config key '" + ORDINAL + "': '" + text.trim()
          + "' is not a whole number");
    }
  }

  /**
   * The resolver's settings, keys in full ({@code secrets4j.source}); empty when the resolver comes from
   * {@code secrets4j.properties}. Holds no secret (URIs and durations only).
   */
  Map<String, String> resolverKeys() {
    return resolverKeys;
  }

  /** Whether the configuration itself says where the secrets are (a {@code secrets4j.source} key of some kind). */
  boolean configuresResolver() {
    return resolverKeys.keySet().stream().anyMatch(k -> k.equals(PREFIX + "source") || k.startsWith(PREFIX + "source."));
  }

  /** Configuration property name to secret name, sorted by property name. */
  Map<String, String> properties() {
    return properties;
  }

  int ordinal() {
    return ordinal;
  }
}
