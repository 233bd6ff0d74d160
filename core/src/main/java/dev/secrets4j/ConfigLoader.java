package dev.secrets4j;

import dev.secrets4j.internal.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads {@code secrets4j.properties}. Every key is checked: an unknown key, or a bad value, is an error
 * naming the file and the key. Keys:
 * <pre>
 * environment                     environment when app.env and APP_ENV are unset; an error when they disagree
 * environments                    custom environments: qa, sandbox
 * alias.NAME                      NAME is an alias of this environment
 * hostname.ENV                    hostname tokens meaning ENV (replaces the default table)
 * source                          source URI for every environment (use {env})
 * source.ENV                      source URI for ENV
 * cache.refresh-after             5m      cache.max-stale           24h
 * cache.maximum-size              10000   cache.not-found-ttl       30s
 * cache.refresh-rate-limit        1s      cache.revoked-grace       30s
 * audit.slf4j                     true    audit.queue-size          4096
 * audit.fail-closed               false   audit.every-hit           false
 * audit.flush-interval            1m      audit.fingerprint-key-env name of the variable holding the HMAC key
 * guard.cross-environment-source  refuse  guard.environment-tag     refuse
 * guard.live-credentials          refuse  guard.test-credentials    warn
 * guard.shared-source             refuse  guard.overdue-rotation    warn
 * guard.require-access-context    false
 * rotation.CATEGORY.max-age       90d (api-key, database-password, oauth-client-secret, signing-key)
 * require                         a manifest file (relative to this file; classpath: for a resource)
 * </pre>
 */
final class ConfigLoader {
  static final String ENV_VARIABLE = "SECRETS4J_CONFIG";
  static final String PROPERTY = "secrets4j.config";
  static final String RESOURCE = "secrets4j.properties";

  private static final List<String> FIXED_KEYS = List.of("environment", "environments", "source",
      "cache.refresh-after", "cache.max-stale", "cache.maximum-size", "cache.not-found-ttl",
      "cache.refresh-rate-limit", "cache.revoked-grace", "audit.slf4j", "audit.queue-size", "audit.fail-closed", "audit.every-hit",
      "audit.flush-interval", "audit.fingerprint-key-env", "guard.cross-environment-source",
      "guard.environment-tag", "guard.live-credentials", "guard.test-credentials", "guard.shared-source",
      "guard.overdue-rotation", "guard.require-access-context", "require");

  private final Properties props;
  private final String origin;
  private final Path baseDir;
  private final Map<String, String> env;

  ConfigLoader(Properties props, String origin, Path baseDir, Map<String, String> env) {
    this.props = props;
    this.origin = origin;
    this.baseDir = baseDir;
    this.env = env;
  }

  /** The file named by SECRETS4J_CONFIG / -Dsecrets4j.config, else the classpath resource. */
  static ConfigLoader locate() {
    return locate(System.getenv(), System.getProperty(PROPERTY), ConfigLoader.class.getClassLoader());
  }

  static ConfigLoader locate(Map<String, String> env, String property, ClassLoader loader) {
    String path = property != null && !property.isBlank() ? property : env.get(ENV_VARIABLE);
    if (path != null && !path.isBlank()) {
      Path p = Paths.get(path.trim());
      if (!Files.isRegularFile(p)) {
        throw new SecretConfigurationException("configuration file " + p.toAbsolutePath() + " (from "
            + (property != null && !property.isBlank() ? "-D" + PROPERTY : ENV_VARIABLE) + ") does not exist");
      }
      try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        return new ConfigLoader(load(r, p.toString()), p.toString(), p.toAbsolutePath().getParent(), env);
      } catch (IOException e) {
        throw new SecretConfigurationException("configuration file " + p + " cannot be read: " + e.getMessage(), e);
      }
    }
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new SecretConfigurationException("no " + RESOURCE + " on the class path and " + ENV_VARIABLE
            + " is not set; add one, point " + ENV_VARIABLE + " at one, or use Secrets.builder()");
      }
      return new ConfigLoader(load(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + RESOURCE),
          "classpath:" + RESOURCE, null, env);
    } catch (IOException e) {
      throw new SecretConfigurationException("classpath:" + RESOURCE + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static Properties load(Reader r, String origin) throws IOException {
    Properties p = new Properties();
    try {
      p.load(r);
    } catch (IllegalArgumentException e) {
      throw new SecretConfigurationException(origin + " is malformed: " + e.getMessage());
    }
    return p;
  }

  void applyTo(SecretsBuilder b) {
    b.origin(origin);
    for (String key : new TreeSet<>(props.stringPropertyNames())) {
      if (!FIXED_KEYS.contains(key) && !key.startsWith("alias.") && !key.startsWith("hostname.")
          && !key.startsWith("source.") && !(key.startsWith("rotation.") && key.endsWith(".max-age"))) {
        String hint = DidYouMean.closest(key, FIXED_KEYS).map(k -> "; did you mean '" + k + "'?").orElse(";");
        throw new SecretConfigurationException("unknown key '" + key + "' in " + origin + hint + " valid keys: "
            + FIXED_KEYS + ", alias.NAME, hostname.ENV, source.ENV, rotation.CATEGORY.max-age");
      }
    }
    EnvironmentDetector.Builder d = EnvironmentDetector.builder();
    for (String custom : list("environments")) {
      try {
        d.environment(custom);
      } catch (IllegalArgumentException e) {
        throw error("environments", e.getMessage());
      }
    }
    for (String key : props.stringPropertyNames()) {
      if (key.startsWith("alias.")) {
        try {
          d.alias(key.substring(6), value(key));
        } catch (SecretConfigurationException | IllegalArgumentException | IllegalStateException e) {
          throw wrapped(key, e);
        }
      }
    }
    for (String key : props.stringPropertyNames()) {
      if (key.startsWith("hostname.")) {
        try {
          d.hostnameTokens(key.substring(9), list(key).toArray(new String[0]));
        } catch (SecretConfigurationException | IllegalArgumentException | IllegalStateException e) {
          throw wrapped(key, e);
        }
      }
    }
    EnvironmentDetector detector = d.build();
    b.detector(detector);
    if (has("environment")) {
      resolve(detector, "environment", value("environment"));
      b.configuredEnvironment(value("environment"));
    }
    if (has("source")) {
      b.source(value("source"));
    }
    for (String key : new TreeSet<>(props.stringPropertyNames())) {
      if (key.startsWith("source.")) {
        String e = key.substring(7);
        resolve(detector, key, e);
        b.source(e, value(key));
      }
    }
    if (has("cache.refresh-after")) b.refreshAfter(duration("cache.refresh-after"));
    if (has("cache.max-stale")) b.maxStale(duration("cache.max-stale"));
    if (has("cache.revoked-grace")) b.revokedGrace(duration("cache.revoked-grace"));
    if (has("cache.not-found-ttl")) b.notFoundTtl(duration("cache.not-found-ttl"));
    if (has("cache.refresh-rate-limit")) b.refreshRateLimit(duration("cache.refresh-rate-limit"));
    if (has("cache.maximum-size")) b.maximumSize(number("cache.maximum-size"));
    if (!has("audit.slf4j") || bool("audit.slf4j")) b.auditHook(AuditHook.slf4j());
    if (has("audit.queue-size")) b.auditQueueSize((int) number("audit.queue-size"));
    if (has("audit.fail-closed") && bool("audit.fail-closed")) b.auditFailClosed();
    if (has("audit.every-hit") && bool("audit.every-hit")) b.auditEveryHit();
    if (has("audit.flush-interval")) b.auditFlushInterval(duration("audit.flush-interval"));
    if (has("audit.fingerprint-key-env")) {
      String var = value("audit.fingerprint-key-env");
      String key = env.get(var);
      if (key == null || key.isEmpty()) {
        throw error("audit.fingerprint-key-env", "environment variable " + var + " is not set");
      }
      try {
        b.auditFingerprintKey(key.getBytes(StandardCharsets.UTF_8));
      } catch (SecretConfigurationException | IllegalArgumentException | IllegalStateException e) {
        throw wrapped("audit.fingerprint-key-env", e);
      }
    }
    GuardOptions g = b.guards();
    if (has("guard.cross-environment-source")) g.crossEnvironmentSource(mode("guard.cross-environment-source"));
    if (has("guard.environment-tag")) g.environmentTag(mode("guard.environment-tag"));
    if (has("guard.live-credentials")) g.liveCredentials(mode("guard.live-credentials"));
    if (has("guard.test-credentials")) g.testCredentialsInProduction(mode("guard.test-credentials"));
    if (has("guard.shared-source")) g.sharedSource(mode("guard.shared-source"));
    if (has("guard.overdue-rotation")) g.overdueRotation(mode("guard.overdue-rotation"));
    if (has("guard.require-access-context") && bool("guard.require-access-context")) {
      g.requireAccessContextInProduction();
    }
    GuardOptions.RotationPolicy policy = GuardOptions.RotationPolicy.defaults();
    for (String key : new TreeSet<>(props.stringPropertyNames())) {
      if (key.startsWith("rotation.")) {
        String category = key.substring(9, key.length() - ".max-age".length());
        Duration max = duration(key);
        try {
          policy = policy.withMaxAge(category, max);
        } catch (SecretConfigurationException | IllegalArgumentException | IllegalStateException e) {
          throw wrapped(key, e);
        }
      }
    }
    g.rotationPolicy(policy);
    if (has("require")) {
      b.require(manifest(value("require")));
    }
  }

  private Manifest manifest(String location) {
    if (location.startsWith("classpath:")) {
      String res = location.substring(10);
      try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(res)) {
        if (in == null) {
          throw error("require", "classpath resource " + res + " does not exist");
        }
        List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .collect(java.util.stream.Collectors.toList());
        return Manifest.parse(lines, location, res.contains(".env"));
      } catch (IOException e) {
        throw error("require", "cannot read " + location + ": " + e.getMessage());
      }
    }
    Path p = baseDir == null ? Paths.get(location) : baseDir.resolve(location);
    if (!Files.isRegularFile(p)) {
      throw error("require", "manifest " + p + " does not exist");
    }
    return Manifest.parse(p);
  }

  private boolean has(String key) {
    return props.getProperty(key) != null;
  }

  private String value(String key) {
    String v = props.getProperty(key).trim();
    if (v.isEmpty()) {
      throw error(key, "is empty");
    }
    return v;
  }

  private List<String> list(String key) {
    List<String> out = new ArrayList<>();
    if (!has(key)) {
      return out;
    }
    for (String s : props.getProperty(key).split(",", -1)) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  private boolean bool(String key) {
    String v = value(key).toLowerCase(Locale.ROOT);
    if (v.equals("true")) return true;
    if (v.equals("false")) return false;
    throw error(key, "'" + v + "' must be true or false");
  }

  private long number(String key) {
    try {
      long n = Long.parseLong(value(key));
      if (n < 1) {
        throw error(key, "must be at least 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw error(key, "'" + value(key) + "' is not a whole number");
    }
  }

  private GuardOptions.Mode mode(String key) {
    try {
      return GuardOptions.Mode.valueOf(value(key).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw error(key, "'" + value(key) + "' must be one of refuse, warn, off");
    }
  }

  Duration duration(String key) {
    String v = value(key);
    Duration d = parseDuration(v);
    if (d == null) {
      throw error(key, "'" + v + "' is not a duration; write 500ms, 30s, 5m, 24h, 90d or ISO-8601 (PT5M)");
    }
    return d;
  }

  static Duration parseDuration(String v) {
    return dev.secrets4j.spi.SourceUri.parseDuration(v).orElse(null);
  }

  private SecretConfigurationException error(String key, String what) {
    return new SecretConfigurationException(origin + ": key '" + key + "' " + what);
  }

  private void resolve(EnvironmentDetector detector, String key, String environment) {
    try {
      detector.resolve(environment);
    } catch (SecretConfigurationException | IllegalArgumentException | IllegalStateException e) {
      throw wrapped(key, e);
    }
  }

  /** {@code e} as the error of {@code key} in this file (as it is when it names the file already). */
  private RuntimeException wrapped(String key, RuntimeException e) {
    if (e.getMessage() != null && e.getMessage().startsWith(origin)) {
      return e;
    }
    return new SecretConfigurationException(origin + ": key '" + key + "': " + e.getMessage(), e);
  }
}
