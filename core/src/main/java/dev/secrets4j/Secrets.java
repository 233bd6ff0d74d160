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
 *       {@link SecretUnavailableException}. Only transient failures are ridden out so.</li>
 *   <li>Revocation is final: when the store refuses a cached secret definitively (not found, access denied,
 *       disabled, deleted or scheduled for deletion, decryption refused), it is served for
 *       {@code revokedGrace} (30 s) more, asked once more, and then no longer: reads fail with the store's
 *       answer, one {@link AuditEvent.Outcome#REVOKED} event is written and
 *       {@link RotationListener#onRevocation} is called. A success within the grace cancels it.</li>
 *   <li>Rotation: a new version id, however it was noticed, tells the {@link RotationListener}s once;
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
   * {@link #refresh(String, AccessContext)} with {@link AccessContext#none()}.
   *
   * @throws SecretException as {@link #refresh(String, AccessContext)} does
   */
  default Secret refresh(String name) {
    return refresh(name, AccessContext.none());
  }

  /**
   * Reloads {@code name} from the store now (for example after the service it unlocks rejected it), and
   * returns the current value, read with {@code access} as {@link #get(String, AccessContext)} reads it.
   * Rate-limited per secret (at most once a second by default): within the limit, returns the cached value or the
   * remembered answer.
   *
   * @throws NullPointerException when {@code name} or {@code access} is null
   * @throws IllegalArgumentException when {@code name} is not a valid secret name
   * @throws IllegalStateException when this resolver is closed
   * @throws SecretException as {@link #get(String, AccessContext)} does
   */
  Secret refresh(String name, AccessContext access);

  /**
   * {@link #preload(Collection, AccessContext)} with {@link AccessContext#none()}.
   *
   * @throws SecretException as {@link #preload(Collection, AccessContext)} does
   */
  default void preload(Collection<String> names) {
    preload(names, AccessContext.none());
  }

  /**
   * Loads many secrets in as few store calls as the source allows (batches of 20, with the guards' metadata, at
   * once), on threads of the call's own (up to 32). A secret
   * a batch could not load is read on its own as {@link #get(String, AccessContext)} reads it, with {@code access};
   * audit events carry {@code access}.
   *
   * @throws NullPointerException when {@code names}, one of them, or {@code access} is null
   * @throws IllegalArgumentException when a name is not a valid secret name
   * @throws IllegalStateException when this resolver is closed
   * @throws SecretUnavailableException naming every secret that could not be loaded, and why
   */
  void preload(Collection<String> names, AccessContext access);

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
