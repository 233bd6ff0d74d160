package dev.secrets4j;

import java.util.Locale;
import java.util.Objects;

/**
 * A deployment environment: {@link #DEVELOPMENT}, {@link #STAGING}, {@link #PRODUCTION}, or a custom one
 * declared in configuration ({@code qa}, {@code sandbox}). Equal by name. Only {@link #PRODUCTION} is
 * production; custom environments are treated as non-production by the guards.
 */
public final class Environment {

  public static final Environment DEVELOPMENT = new Environment("development");
  public static final Environment STAGING = new Environment("staging");
  public static final Environment PRODUCTION = new Environment("production");

  private final String name;

  private Environment(String name) {
    this.name = name;
  }

  /** Whether {@code n} is a lower case letter, then up to 31 lower case letters, digits and {@code -}. */
  private static boolean isName(String n) {
    if (n.isEmpty() || n.length() > 32 || n.charAt(0) < 'a' || n.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < n.length(); i++) {
      char c = n.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The environment with this canonical name (lower case letters, digits and {@code -}). Aliases such as
   * {@code prod} are resolved by {@link EnvironmentDetector}, not here.
   */
  public static Environment of(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "development" -> DEVELOPMENT;
      case "staging" -> STAGING;
      case "production" -> PRODUCTION;
      default -> {
        if (!isName(n)) {
          throw new IllegalArgumentException("environment name '" + name
              + "' must be lower case letters, digits and '-', starting with a letter");
        }
        yield new Environment(n);
      }
    };
  }

  /** The canonical name: {@code production}. */
  public String name() {
    return name;
  }

  /** True only for {@link #PRODUCTION}. */
  public boolean isProduction() {
    return this.equals(PRODUCTION);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Environment other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }

  /** The detected environment and the reason it was chosen: {@code APP_ENV=prod}, {@code hostname token 'stg'}, {@code default}. */
  public static final class Detection {
    private final Environment environment;
    private final String reason;

    private Detection(Environment environment, String reason) {
      this.environment = environment;
      this.reason = reason;
    }

    /** A detection result. */
    public static Detection of(Environment environment, String reason) {
      return new Detection(Objects.requireNonNull(environment, "environment"),
          Objects.requireNonNull(reason, "reason"));
    }

    public Environment environment() {
      return environment;
    }

    /** Why: {@code builder}, {@code system property app.env=prod}, {@code APP_ENV=prod}, {@code hostname token 'stg' in 'web-stg.internal'}, {@code default}. */
    public String reason() {
      return reason;
    }

    @Override
    public String toString() {
      return environment + " (" + reason + ")";
    }
  }
}
