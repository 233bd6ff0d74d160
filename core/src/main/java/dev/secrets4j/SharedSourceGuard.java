package dev.secrets4j;

import dev.secrets4j.internal.Providers;
import dev.secrets4j.spi.SourceUri;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Guard 5: no two environments may be configured with one store. The environments compared are those the
 * configuration names ({@code source.ENV}) and the detected one; each gets its own {@code source.ENV}, else the
 * default {@code source=} expanded for it. URIs are compared by their normalised identity, as the scheme's
 * provider spells it ({@link dev.secrets4j.spi.SecretSourceProvider#identity}), so {@code file:a/./x.env} and
 * {@code file:a//x.env}, or {@code prefix=app/} and {@code prefix=app%2F}, are one store. With one environment
 * there is nothing to compare: no URI is parsed and no provider is asked.
 */
final class SharedSourceGuard {
  private SharedSourceGuard() {}

  static void check(GuardOptions.Mode mode, Environment detected, EnvironmentDetector detector, Map<String, String> uris,
      String origin, Providers providers) {
    if (mode == GuardOptions.Mode.OFF) {
      return;
    }
    Set<Environment> declared = new LinkedHashSet<>();
    declared.add(detected);
    for (String key : uris.keySet()) {
      if (!key.equals("*")) {
        declared.add(detector.resolve(key));
      }
    }
    if (declared.size() < 2) {
      return;
    }
    Map<String, Environment> owners = new LinkedHashMap<>();
    Map<Environment, String> spelled = new LinkedHashMap<>();
    for (Environment env : declared) {
      String key = keyFor(env, detector, uris);
      if (key == null) {
        continue;
      }
      SourceUri uri = SourceUri.parse(uris.get(key), env);
      String id = providers.identity(uri);
      spelled.put(env, uri.redacted() + (key.equals("*") ? " (from source=)" : ""));
      Environment prior = owners.putIfAbsent(id, env);
      if (prior != null && !prior.equals(env)) {
        GuardSettings.violation(mode, "shared-source", "source " + spelled.get(prior) + " is configured for both "
            + prior.name() + " and " + env.name() + (spelled.get(prior).equals(spelled.get(env)) ? ""
                : " (as " + spelled.get(env) + ")") + " in " + origin + ": both name the store " + id
            + "; every environment needs its own store (or its own prefix, project or vault)");
      }
    }
  }

  /** The key of {@code uris} that configures {@code env}: its own (by name or alias), else {@code *}, else null. */
  private static String keyFor(Environment env, EnvironmentDetector detector, Map<String, String> uris) {
    if (uris.containsKey(env.name())) {
      return env.name();
    }
    for (String key : uris.keySet()) {
      if (!key.equals("*") && detector.resolve(key).equals(env)) {
        return key;
      }
    }
    return uris.containsKey("*") ? "*" : null;
  }
}
