package dev.secrets4j.spring;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Whether a configured (raw, unresolved) value refers to a secret through placeholders
 * ({@code spring.datasource.password=${secrets.database-password}}), directly or through up to four other
 * properties. Actuator's sanitizer asks it: Spring resolves placeholders for {@code /actuator/env} and would show
 * the value under the referring property's name.
 */
final class SecretReferences {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");
  private static final int MAX_DEPTH = 4;

  private final ConfigurableEnvironment environment;

  SecretReferences(ConfigurableEnvironment environment) {
    this.environment = environment;
  }

  boolean refersToSecret(Object raw) {
    return refersToSecret(raw, 0);
  }

  private boolean refersToSecret(Object raw, int depth) {
    if (!(raw instanceof CharSequence text) || depth > MAX_DEPTH || !text.toString().contains("${")) {
      return false;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      String name = m.group(1).trim();
      for (PropertySource<?> source : environment.getPropertySources()) {
        if (source instanceof SecretsPropertySource secrets) {
          if (secrets.maps(name)) {
            return true;
          }
        } else if (source instanceof EnumerablePropertySource<?> e && e.containsProperty(name)
            && refersToSecret(e.getProperty(name), depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }
}
