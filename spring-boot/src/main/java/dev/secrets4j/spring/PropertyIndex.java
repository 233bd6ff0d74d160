package dev.secrets4j.spring;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Spring property names that have read each secret, so that a rotation can name the properties it changes.
 * Names only, never values; it grows with the distinct property names asked for, which the application's own
 * configuration bounds.
 */
final class PropertyIndex {
  private final Map<String, Set<String>> propertiesBySecret = new ConcurrentHashMap<>();

  void record(String secret, String propertyName) {
    propertiesBySecret.computeIfAbsent(SecretMapping.baseName(secret), k -> ConcurrentHashMap.newKeySet())
        .add(propertyName);
  }

  /** The property names that read {@code secretName} (any of its fields), possibly none. */
  Set<String> propertiesOf(String secretName) {
    Set<String> names = propertiesBySecret.get(secretName);
    return names == null ? Set.of() : Set.copyOf(names);
  }
}
