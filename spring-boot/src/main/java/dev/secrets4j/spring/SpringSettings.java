package dev.secrets4j.spring;

import dev.secrets4j.Manifest;
import dev.secrets4j.SecretsBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The {@code spring.secrets4j.*} properties, read from Spring's configuration while it loads (before any bean):
 *
 * <table>
 *   <caption>spring.secrets4j.*</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>{@code source}</td><td>one source URI for every environment ({@code {env}} expands)</td></tr>
 *   <tr><td>{@code sources.ENV}</td><td>the source URI of environment {@code ENV}</td></tr>
 *   <tr><td>{@code environment}</td><td>the environment, explicitly (wins over {@code APP_ENV})</td></tr>
 *   <tr><td>{@code cache.refresh-after}, {@code cache.max-stale}</td><td>as in {@code secrets4j.properties}</td></tr>
 *   <tr><td>{@code require}</td><td>secrets that must be usable at start-up (a list)</td></tr>
 *   <tr><td>{@code profile-check}</td><td>{@code fail} (default), {@code warn} or {@code off}</td></tr>
 *   <tr><td>{@code principal}</td><td>the audit principal of property reads; default {@code spring.application.name}</td></tr>
 * </table>
 */
final class SpringSettings {
  static final String PREFIX = "spring.secrets4j";

  enum ProfileCheck { FAIL, WARN, OFF }

  private final String source;
  private final Map<String, String> sources;
  private final String environment;
  private final Duration refreshAfter;
  private final Duration maxStale;
  private final List<String> require;
  private final ProfileCheck profileCheck;
  private final String principal;

  private SpringSettings(Binder binder) {
    source = binder.bind(PREFIX + ".source", String.class).orElse(null);
    sources = binder.bind(PREFIX + ".sources", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    environment = binder.bind(PREFIX + ".environment", String.class).orElse(null);
    refreshAfter = binder.bind(PREFIX + ".cache.refresh-after", Duration.class).orElse(null);
    maxStale = binder.bind(PREFIX + ".cache.max-stale", Duration.class).orElse(null);
    require = binder.bind(PREFIX + ".require", Bindable.listOf(String.class)).orElse(List.of());
    String check = binder.bind(PREFIX + ".profile-check", String.class).orElse("fail");
    try {
      profileCheck = ProfileCheck.valueOf(check.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PREFIX + ".profile-check is '" + check + "'; use fail, warn or off", e);
    }
    principal = binder.bind(PREFIX + ".principal", String.class)
        .orElseGet(() -> binder.bind("spring.application.name", String.class).orElse("application"));
  }

  static SpringSettings from(Binder binder) {
    return new SpringSettings(binder);
  }

  /** Whether a source is configured here (the configuration file may configure it instead). */
  boolean hasSource() {
    return source != null || !sources.isEmpty();
  }

  void applyTo(SecretsBuilder builder) {
    if (environment != null) {
      builder.environment(environment);
    }
    if (source != null) {
      builder.source(source);
    }
    sources.forEach(builder::source);
    if (refreshAfter != null) {
      builder.refreshAfter(refreshAfter);
    }
    if (maxStale != null) {
      builder.maxStale(maxStale);
    }
  }

  /** The {@code require} list as a manifest, or null when empty. */
  Manifest required() {
    return require.isEmpty() ? null : Manifest.of(require.toArray(String[]::new));
  }

  ProfileCheck profileCheck() {
    return profileCheck;
  }

  String principal() {
    return principal;
  }
}
