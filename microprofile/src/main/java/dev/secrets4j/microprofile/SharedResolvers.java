package dev.secrets4j.microprofile;

import dev.secrets4j.AuditHook;
import dev.secrets4j.EnvironmentDetector;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.Secrets;
import dev.secrets4j.SecretsBuilder;
import dev.secrets4j.spi.SourceUri;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One resolver per distinct configuration, shared by the configuration source, the expression handler and the
 * credentials provider of this class loader: a configuration built twice (Quarkus builds one at build time, static
 * init and run time) and the three integrations all read through the same cache, so each secret is loaded once.
 * Resolvers live as long as the class loader that holds this class.
 */
final class SharedResolvers {
  private static final Map<Map<String, String>, Secrets> RESOLVERS = new ConcurrentHashMap<>();

  private SharedResolvers() {}

  /**
   * The resolver for {@code settings}: built from its {@code secrets4j.*} keys when it has a source key, else from
   * {@code secrets4j.properties} ({@link Secrets#fromConfig()}).
   *
   * @throws SecretConfigurationException when the keys or the file are wrong, or a key is set without a source
   * @throws dev.secrets4j.EnvironmentViolationException when a guard refuses the configuration
   */
  static Secrets forSettings(ConfigSettings settings) {
    Map<String, String> keys = settings.resolverKeys();
    if (!keys.isEmpty() && !settings.configuresResolver()) {
      throw new SecretConfigurationException("MicroProfile Config sets " + keys.keySet() + " but no "
          + ConfigSettings.PREFIX + "source; set " + ConfigSettings.PREFIX + "source (or source.ENV), or move "
          + "these keys into secrets4j.properties");
    }
    return RESOLVERS.computeIfAbsent(keys, SharedResolvers::build);
  }

  private static Secrets build(Map<String, String> keys) {
    if (keys.isEmpty()) {
      return Secrets.fromConfig();
    }
    String origin = "MicroProfile Config";
    SecretsBuilder b = Secrets.builder();
    String p = ConfigSettings.PREFIX;
    String environment = keys.get(p + "environment");
    if (environment != null) {
      b.detector(EnvironmentDetector.standard().withConfigured(environment.trim(), origin + " key " + p + "environment"));
    }
    for (Map.Entry<String, String> e : keys.entrySet()) {
      String key = e.getKey();
      try {
        if (key.equals(p + "source")) {
          b.source(e.getValue().trim());
        } else if (key.startsWith(p + "source.")) {
          b.source(key.substring((p + "source.").length()), e.getValue().trim());
        } else if (key.equals(p + "cache.refresh-after")) {
          b.refreshAfter(duration(key, e.getValue()));
        } else if (key.equals(p + "cache.max-stale")) {
          b.maxStale(duration(key, e.getValue()));
        } else if (key.equals(p + "cache.not-found-ttl")) {
          b.notFoundTtl(duration(key, e.getValue()));
        } else if (key.equals(p + "cache.refresh-rate-limit")) {
          b.refreshRateLimit(duration(key, e.getValue()));
        } else if (key.equals(p + "cache.maximum-size")) {
          b.maximumSize(Long.parseLong(e.getValue().trim()));
        }
      } catch (IllegalArgumentException ex) {
        throw new SecretConfigurationException(origin + " key '" + key + "': " + ex.getMessage(), ex);
      }
    }
    if (!"false".equalsIgnoreCase(keys.getOrDefault(p + "audit.slf4j", "true").trim())) {
      b.auditHook(AuditHook.slf4j());
    }
    return b.build();
  }

  private static Duration duration(String key, String text) {
    return SourceUri.parseDuration(text).orElseThrow(() -> new SecretConfigurationException("MicroProfile Config key '" + key + "': '" + text.trim()
          + "' is not a duration; write 500ms, 30s, 5m, 24h, 90d or ISO-8601 (PT5M)"));
  }
}
