package dev.secrets4j.spring;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The property names a rotation changes: those that read the secret, and those whose configured value refers to
 * one of them through a placeholder ({@code spring.datasource.password=${secrets.database-password}}), followed
 * through up to four levels of placeholders. Looks at the raw configured strings (placeholders), never resolves one.
 */
final class AffectedProperties {
  private static final int MAX_DEPTH = 4;

  private AffectedProperties() {}

  static Set<String> of(ConfigurableEnvironment environment, Set<String> direct) {
    Set<String> affected = new LinkedHashSet<>(direct);
    Set<String> frontier = new LinkedHashSet<>(direct);
    for (int depth = 0; depth < MAX_DEPTH && !frontier.isEmpty(); depth++) {
      Set<String> next = new LinkedHashSet<>();
      for (PropertySource<?> source : environment.getPropertySources()) {
        if (source instanceof SecretsPropertySource || !(source instanceof EnumerablePropertySource<?> e)) {
          continue;
        }
        for (String name : e.getPropertyNames()) {
          if (!affected.contains(name) && e.getProperty(name) instanceof CharSequence raw
              && refersToAny(raw.toString(), frontier)) {
            next.add(name);
          }
        }
      }
      affected.addAll(next);
      frontier = next;
    }
    return affected;
  }

  private static boolean refersToAny(String raw, Set<String> names) {
    if (!raw.contains("${")) {
      return false;
    }
    for (String name : names) {
      if (raw.contains("${" + name + "}") || raw.contains("${" + name + ":")) {
        return true;
      }
    }
    return false;
  }
}
