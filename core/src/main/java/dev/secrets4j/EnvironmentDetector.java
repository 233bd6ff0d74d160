package dev.secrets4j;

import dev.secrets4j.internal.Tokens;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Decides which environment this process runs in, and says why.
 *
 * <p>Order: an explicit value given to the builder → system property {@code app.env} → environment
 * variable {@code APP_ENV} → hostname tokens → {@code development}. Names are case-insensitive and may be
 * aliases ({@code prod}, {@code prd} → production; {@code stg}, {@code stage} → staging; {@code dev},
 * {@code local} → development). An explicit value that is neither a known environment nor an alias is a
 * {@link SecretConfigurationException} listing the valid names, never a silent fallback.
 *
 * <p>Hostname rules match whole tokens (the hostname split on {@code -}, {@code .}, {@code _} and digits):
 * {@code api-prod-3} is production, {@code product-catalog} is not. A hostname with tokens of two
 * environments is an error asking for {@code APP_ENV}. Every input is injectable, so tests need no real
 * environment.
 */
public final class EnvironmentDetector {
  /** The system property read second. */
  public static final String PROPERTY = "app.env";
  /** The environment variable read third. */
  public static final String VARIABLE = "APP_ENV";

  private final String explicit;
  private final String configured;
  private final String configuredOrigin;
  private final Map<String, String> env;
  private final Map<String, String> properties;
  private final Supplier<String> hostname;
  private final Map<String, Environment> names;
  private final Map<String, Environment> hostTokens;

  private EnvironmentDetector(EnvironmentDetector d, String explicit, String configured, String configuredOrigin) {
    this.explicit = explicit;
    this.configured = configured;
    this.configuredOrigin = configuredOrigin;
    this.env = d.env;
    this.properties = d.properties;
    this.hostname = d.hostname;
    this.names = d.names;
    this.hostTokens = d.hostTokens;
  }

  private EnvironmentDetector(Builder b) {
    this.explicit = b.explicit;
    this.configured = null;
    this.configuredOrigin = null;
    this.env = b.env;
    this.properties = b.properties;
    this.hostname = b.hostname;
    this.names = Collections.unmodifiableMap(new LinkedHashMap<>(b.names));
    this.hostTokens = Collections.unmodifiableMap(new LinkedHashMap<>(b.hostTokens));
  }

  /** A detector over the real system properties, environment variables and hostname. */
  public static EnvironmentDetector standard() {
    return builder().build();
  }

  /** A builder with the standard names, aliases and hostname tokens and the real inputs. */
  public static Builder builder() {
    return new Builder();
  }

  /** This detector with an explicit environment that wins over every other input. */
  public EnvironmentDetector withExplicit(String nameOrAlias) {
    return new EnvironmentDetector(this, Objects.requireNonNull(nameOrAlias, "nameOrAlias"), configured,
        configuredOrigin);
  }

  /**
   * This detector with an environment named by a configuration file ({@code environment=} in
   * {@code secrets4j.properties}, {@code origin} naming the file). Such a file is often packaged in the jar and
   * deployed everywhere, so it never overrides the process: when {@code app.env} or {@code APP_ENV} is set and
   * names another environment, {@link #detect()} fails naming both; when they agree, or neither is set, the
   * file's value is used and the reason names the file and the key. Integrations that read the library's settings
   * from another configuration system (MicroProfile Config, Spring) use it for their {@code environment} key.
   *
   * @throws NullPointerException if an argument is null
   */
  public EnvironmentDetector withConfigured(String nameOrAlias, String origin) {
    return new EnvironmentDetector(this, explicit, Objects.requireNonNull(nameOrAlias, "nameOrAlias"),
        Objects.requireNonNull(origin, "origin"));
  }

  /**
   * The environment a whole token stands for, if any: a name, an alias or a hostname token
   * ({@code prod}, {@code stg}). Used by the guards to spot another environment's name in a URI, and by
   * integrations to compare a framework's profile names with the detected environment.
   *
   * @throws NullPointerException if {@code token} is null
   */
  public java.util.Optional<Environment> environmentOfToken(String token) {
    String t = token.toLowerCase(Locale.ROOT);
    Environment e = names.get(t);
    return java.util.Optional.ofNullable(e != null ? e : hostTokens.get(t));
  }

  /**
   * The longest environment name, alias or hostname token of three letters or more buried inside {@code word}
   * without being the whole of it ({@code prod} in {@code myappprodkv}), if any.
   */
  java.util.Optional<String> nameInside(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    String best = null;
    for (String n : names.keySet()) {
      best = longer(best, n, w);
    }
    for (String n : hostTokens.keySet()) {
      best = longer(best, n, w);
    }
    return java.util.Optional.ofNullable(best);
  }

  private static String longer(String best, String name, String word) {
    boolean inside = name.length() >= 3 && name.length() < word.length() && word.contains(name);
    return inside && (best == null || name.length() > best.length()) ? name : best;
  }

  /**
   * Detects the environment.
   *
   * @throws SecretConfigurationException when a value names no environment, the hostname has tokens of two, or
   *     a configuration file's {@code environment=} disagrees with {@code app.env} / {@code APP_ENV}
   */
  public Environment.Detection detect() {
    if (explicit != null) {
      return Environment.Detection.of(resolve(explicit, "the builder"), "set explicitly to '" + explicit + "'");
    }
    if (configured != null) {
      return ConfiguredEnvironment.detect(this, configured, configuredOrigin, properties.get(PROPERTY),
          env.get(VARIABLE));
    }
    String prop = properties.get(PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Environment.Detection.of(resolve(prop, "system property " + PROPERTY),
          "system property " + PROPERTY + "=" + prop.trim());
    }
    String var = env.get(VARIABLE);
    if (var != null && !var.isBlank()) {
      return Environment.Detection.of(resolve(var, "environment variable " + VARIABLE),
          VARIABLE + "=" + var.trim());
    }
    String host = hostname.get();
    if (host != null && !host.isBlank()) {
      Environment found = null;
      String foundToken = null;
      for (String token : Tokens.of(host)) {
        Environment e = hostTokens.get(token);
        if (e == null) {
          continue;
        }
        if (found != null && !found.equals(e)) {
          throw new SecretConfigurationException("hostname '" + host + "' has tokens of two environments ('"
              + foundToken + "' → " + found + ", '" + token + "' → " + e + "); set " + VARIABLE
              + " or -D" + PROPERTY + " to choose one");
        }
        if (found == null) {
          found = e;
          foundToken = token;
        }
      }
      if (found != null) {
        return Environment.Detection.of(found, "hostname token '" + foundToken + "' in '" + host + "'");
      }
    }
    return Environment.Detection.of(Environment.DEVELOPMENT, "default");
  }

  /**
   * The environment a name or alias stands for.
   *
   * @throws SecretConfigurationException naming the valid environments and aliases
   */
  public Environment resolve(String nameOrAlias) {
    return resolve(nameOrAlias, "the configuration");
  }

  /** Every known environment, standard and custom. */
  public Set<Environment> environments() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(names.values()));
  }

  Environment resolve(String value, String origin) {
    Environment e = names.get(value.trim().toLowerCase(Locale.ROOT));
    if (e == null) {
      throw new SecretConfigurationException("unknown environment '" + value.trim() + "' from " + origin
          + "; valid: " + validNames());
    }
    return e;
  }

  /** {@code development (dev, local), staging (stg, stage), production (prod, prd)}. */
  String validNames() {
    Map<Environment, List<String>> byEnv = new LinkedHashMap<>();
    names.forEach((n, e) -> {
      if (!n.equals(e.name())) {
        byEnv.computeIfAbsent(e, k -> new ArrayList<>()).add(n);
      } else {
        byEnv.computeIfAbsent(e, k -> new ArrayList<>());
      }
    });
    StringBuilder sb = new StringBuilder();
    byEnv.forEach((e, aliases) -> {
      if (sb.length() > 0) sb.append(", ");
      sb.append(e.name());
      if (!aliases.isEmpty()) sb.append(" (").append(String.join(", ", aliases)).append(')');
    });
    return sb.toString();
  }

  /** A fixed hostname, or the real one ({@code HOSTNAME}, else the local host name) read when detection asks. */
  private static final class Hostname implements Supplier<String> {
    private final boolean real;
    private final String fixed;

    Hostname(boolean real, String fixed) {
      this.real = real;
      this.fixed = fixed;
    }

    @Override
    public String get() {
      if (!real) {
        return fixed;
      }
      String h = System.getenv("HOSTNAME");
      if (h != null && !h.isBlank()) {
        return h;
      }
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (Exception e) {
        return null;
      }
    }
  }

  /** Configures an {@link EnvironmentDetector}; every setter validates at once. */
  public static final class Builder {
    private String explicit;
    private Map<String, String> env = System.getenv();
    private Map<String, String> properties = systemPropertiesView();
    private Supplier<String> hostname = new Hostname(true, null);
    private final Map<String, Environment> names = new LinkedHashMap<>();
    private final Map<String, Environment> hostTokens = new LinkedHashMap<>();
    private boolean hostTokensCustomized;

    private Builder() {
      names.put("development", Environment.DEVELOPMENT);
      names.put("dev", Environment.DEVELOPMENT);
      names.put("local", Environment.DEVELOPMENT);
      names.put("staging", Environment.STAGING);
      names.put("stg", Environment.STAGING);
      names.put("stage", Environment.STAGING);
      names.put("production", Environment.PRODUCTION);
      names.put("prod", Environment.PRODUCTION);
      names.put("prd", Environment.PRODUCTION);
      defaultHostTokens();
    }

    private void defaultHostTokens() {
      for (String t : List.of("dev", "development", "local")) hostTokens.put(t, Environment.DEVELOPMENT);
      for (String t : List.of("stg", "stage", "staging", "preprod")) hostTokens.put(t, Environment.STAGING);
      for (String t : List.of("prod", "prd", "production", "live")) hostTokens.put(t, Environment.PRODUCTION);
    }

    private static Map<String, String> systemPropertiesView() {
      return new java.util.AbstractMap<>() {
        @Override
        public String get(Object key) {
          return System.getProperty(String.valueOf(key));
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
          return Collections.emptySet();
        }
      };
    }

    /** The environment, set in code; wins over everything else. */
    public Builder explicit(String nameOrAlias) {
      this.explicit = Objects.requireNonNull(nameOrAlias, "nameOrAlias");
      return this;
    }

    /** The environment variables to read {@code APP_ENV} from (default: the real ones). */
    public Builder environmentVariables(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /** The system properties to read {@code app.env} from (default: the real ones). */
    public Builder systemProperties(Map<String, String> properties) {
      this.properties = Map.copyOf(properties);
      return this;
    }

    /** The hostname to match (default: {@code HOSTNAME}, else the local host name); null for none. */
    public Builder hostname(String hostname) {
      this.hostname = new Hostname(false, hostname);
      return this;
    }

    /** Declares a custom environment ({@code qa}) with optional aliases ({@code test}, {@code uat}). */
    public Builder environment(String name, String... aliases) {
      Environment e = Environment.of(name);
      putName(e.name(), e);
      for (String a : aliases) {
        putName(a.trim().toLowerCase(Locale.ROOT), e);
      }
      return this;
    }

    /** Adds an alias for a known environment. */
    public Builder alias(String alias, String environment) {
      Environment e = names.get(environment.trim().toLowerCase(Locale.ROOT));
      if (e == null) {
        throw new SecretConfigurationException("alias '" + alias + "' points at unknown environment '"
            + environment + "'; declare it first");
      }
      putName(alias.trim().toLowerCase(Locale.ROOT), e);
      return this;
    }

    /**
     * Replaces the hostname tokens that mean {@code environment}. The first call drops the default token
     * table for every environment, so a configured table is exactly what the application wrote.
     */
    public Builder hostnameTokens(String environment, String... tokens) {
      Environment e = names.get(environment.trim().toLowerCase(Locale.ROOT));
      if (e == null) {
        throw new SecretConfigurationException("hostname tokens for unknown environment '" + environment
            + "'; valid: " + new TreeSet<>(names.keySet()));
      }
      if (!hostTokensCustomized) {
        hostTokens.clear();
        hostTokensCustomized = true;
      }
      hostTokens.values().removeIf(e::equals);
      for (String t : tokens) {
        String token = t.trim().toLowerCase(Locale.ROOT);
        if (!isName(token, false)) {
          throw new SecretConfigurationException("hostname token '" + t
              + "' must be letters only: hostnames are split on '-', '.', '_' and digits");
        }
        Environment prior = hostTokens.put(token, e);
        if (prior != null && !prior.equals(e)) {
          throw new SecretConfigurationException("hostname token '" + token + "' is given to both "
              + prior + " and " + e);
        }
      }
      return this;
    }

    private void putName(String n, Environment e) {
      if (!isName(n, true)) {
        throw new SecretConfigurationException("environment alias '" + n
            + "' must be lower case letters, digits and '-'");
      }
      Environment prior = names.get(n);
      if (prior != null && !prior.equals(e)) {
        throw new SecretConfigurationException("'" + n + "' already names environment " + prior
            + "; it cannot also name " + e);
      }
      names.put(n, e);
    }

    /** {@code [a-z][a-z0-9-]*} (or with {@code digitsAndDash} false {@code [a-z]+}), without a regular expression. */
    private static boolean isName(String n, boolean digitsAndDash) {
      for (int i = 0; i < n.length(); i++) {
        char c = n.charAt(i);
        boolean other = digitsAndDash && i > 0 && ((c >= '0' && c <= '9') || c == '-');
        if (!(c >= 'a' && c <= 'z') && !other) {
          return false;
        }
      }
      return !n.isEmpty();
    }

    public EnvironmentDetector build() {
      return new EnvironmentDetector(this);
    }
  }
}
