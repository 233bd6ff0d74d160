package dev.secrets4j;

import java.util.Collection;
import java.util.List;

/**
 * The resolver: the caching front door through which an application reads its secrets from the store of
 * the environment it runs in. Thread-safe; build one per application and share it.
 *
 * <p>Semantics and defaults (see {@link SecretsBuilder} for every setting):
 * <ul>
 *   <li>A cache hit does no I/O and takes no lock.</li>
 *   <li>Refresh ahead: {@code refreshAfter} (5 min, ±10% jitter) after a load, the secret is reloaded in
 *       the background; readers keep getting the cached value and never wait on it.</li>
 *   <li>Single flight: any number of threads missing the same secret cause one store call.</li>
 *   <li>Stale on error: a failed refresh keeps the last good value, retries with exponential backoff and
 *       jitter (1 s doubling to 60 s), and after {@code maxStale} (24 h) reads fail with
 *       {@link SecretUnavailableException}. Not-found and access-denied are not retried in a loop.</li>
 *   <li>Rotation: a refresh that brings a new version id tells the {@link RotationListener}s;
 *       {@link #versions(String)} gives current and previous.</li>
 *   <li>Audit: every read is an {@link AuditEvent} for the configured {@link AuditHook}s.</li>
 * </ul>
 *
 * <p>A name of the form {@code database-credentials#password} reads one field of a JSON secret.
 */
public interface Secrets extends AutoCloseable {

  /** A builder configured in code. */
  static SecretsBuilder builder() {
    return new SecretsBuilder();
  }

  /**
   * A resolver configured by {@code secrets4j.properties}: the file named by the environment variable
   * {@code SECRETS4J_CONFIG} (or system property {@code secrets4j.config}) if set, else the classpath
   * resource {@code secrets4j.properties}.
   *
   * @throws SecretConfigurationException naming the file and key at fault
   */
  static Secrets fromConfig() {
    return SecretsBuilder.fromConfig().build();
  }

  /**
   * A builder preloaded from {@code secrets4j.properties} (found as {@link #fromConfig()} finds it), for
   * adding what only code can give: audit hooks, an executor, a ticker.
   *
   * @throws SecretConfigurationException naming the file and key at fault
   */
  static SecretsBuilder builderFromConfig() {
    return SecretsBuilder.fromConfig();
  }

  /** {@link #get(String, AccessContext)} with {@link AccessContext#none()}. */
  Secret get(String name);

  /**
   * The current value of {@code name} in this environment's source.
   *
   * @throws SecretNotFoundException when the source has no such secret
   * @throws SecretUnavailableException when the source fails and there is no usable last good value
   * @throws SecretAccessDeniedException when the store, a policy or a fail-closed audit hook refuses
   * @throws EnvironmentViolationException when a guard refuses the value
   */
  Secret get(String name, AccessContext access);

  /** {@link #versions(String, AccessContext)} with {@link AccessContext#none()}. */
  default List<Secret> versions(String name) {
    return versions(name, AccessContext.none());
  }

  /**
   * The current version, then the previous one where the store keeps it (for overlapping validity). Both pass
   * the same guards as {@link #get(String, AccessContext)} and both are audited; a previous version a guard
   * refuses is left out (and audited {@code DENIED}).
   *
   * @throws SecretNotFoundException when the source has no such secret
   * @throws SecretUnavailableException when the source fails and there is no usable last good value
   * @throws SecretAccessDeniedException when the store, a policy or a fail-closed audit hook refuses
   * @throws EnvironmentViolationException when a guard refuses the current value
   */
  List<Secret> versions(String name, AccessContext access);

  /**
   * Reloads {@code name} from the store now (for example after the service it unlocks rejected it), and
   * returns the current value. Rate-limited per secret: within the limit, returns the cached value.
   */
  Secret refresh(String name);

  /**
   * Loads many secrets in as few store calls as the source allows (batch reads where the store has them).
   *
   * @throws SecretException naming every secret that could not be loaded
   */
  void preload(Collection<String> names);

  /** Tells {@code listener} when {@code name} rotates. */
  void onRotation(String name, RotationListener listener);

  /** Tells {@code listener} when any secret rotates. */
  void onRotation(RotationListener listener);

  /** The environment this resolver serves. */
  Environment environment();

  /** The environment and why it was chosen. */
  EnvironmentDetection detection();

  /** The id of this environment's source (its redacted URI). */
  String sourceId();

  /**
   * A value-free snapshot of this resolver's health (up, serving stale values, or down), computed from the cache
   * without calling the store: cheap enough for every health probe and metrics scrape.
   */
  SecretsStatus status();

  /**
   * Checks every secret a manifest requires, at once, without printing any value.
   */
  ValidationReport validate(Manifest manifest);

  /** Stops background work, flushes audit events, zeroes cached values and closes the source. */
  @Override
  void close();
}
