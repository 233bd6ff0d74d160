package dev.secrets4j;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
  Environment.Detection detection();

  /** The id of this environment's source (its redacted URI). */
  String sourceId();

  /**
   * A value-free snapshot of this resolver's health (up, serving stale values, or down), computed from the cache
   * without calling the store: cheap enough for every health probe and metrics scrape.
   */
  Status status();

  /**
   * Checks every secret a manifest requires, at once, without printing any value.
   */
  Manifest.Report validate(Manifest manifest);

  /** Stops background work, flushes audit events, zeroes cached values and closes the source. */
  @Override
  void close();

  /**
   * A value-free snapshot of a resolver's health, computed from its cache without calling the store: what a health
   * probe or a metrics gauge reads ({@link Secrets#status()}). It holds secret names and counts, never a value or a
   * version id.
   *
   * <ul>
   *   <li>{@link State#UP}: every cached secret was refreshed as planned, or its refresh is not due yet.
   *   <li>{@link State#STALE}: the store has failed for some secrets, and their last good values are being served
   *       (within {@code max-stale}); {@link #staleSecrets()} names them.
   *   <li>{@link State#DOWN}: some secret can no longer be served: its last good value is older than
   *       {@code max-stale}, or a secret the resolver was built to require is missing or refused;
   *       {@link #unavailableSecrets()} names them.
   * </ul>
   */
  public static final class Status {
    /** The resolver's overall state, the worst of its secrets'. */
    public enum State {
      /** Every cached secret is fresh or not yet due. */
      UP,
      /** Some secrets are served from their last good value while the store fails. */
      STALE,
      /** Some secret can no longer be served. */
      DOWN
    }

    private final Instant time;
    private final String environment;
    private final String sourceId;
    private final int cachedSecrets;
    private final List<String> staleSecrets;
    private final List<String> unavailableSecrets;
    private final Duration oldestValueAge;
    private final long rotations;
    private final long droppedAuditEvents;

    private Status(Instant time, String environment, String sourceId, int cachedSecrets,
        List<String> staleSecrets, List<String> unavailableSecrets, Duration oldestValueAge, long rotations,
        long droppedAuditEvents) {
      this.time = time;
      this.environment = environment;
      this.sourceId = sourceId;
      this.cachedSecrets = cachedSecrets;
      this.staleSecrets = List.copyOf(staleSecrets);
      this.unavailableSecrets = List.copyOf(unavailableSecrets);
      this.oldestValueAge = oldestValueAge;
      this.rotations = rotations;
      this.droppedAuditEvents = droppedAuditEvents;
    }

    /**
     * A snapshot; for resolver implementations and tests.
     *
     * @param oldestValueAge the age of the oldest value served, or null when nothing is cached
     * @throws NullPointerException if a non-optional argument is null
     * @throws IllegalArgumentException if a count is negative
     */
    static Status of(Instant time, String environment, String sourceId, int cachedSecrets,
        List<String> staleSecrets, List<String> unavailableSecrets, Duration oldestValueAge, long rotations,
        long droppedAuditEvents) {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(sourceId, "sourceId");
      if (cachedSecrets < 0 || rotations < 0 || droppedAuditEvents < 0) {
        throw new IllegalArgumentException("counts must not be negative");
      }
      return new Status(time, environment, sourceId, cachedSecrets, staleSecrets, unavailableSecrets,
          oldestValueAge, rotations, droppedAuditEvents);
    }

    /** {@code DOWN} if any secret is unavailable, else {@code STALE} if any is stale, else {@code UP}. */
    public State state() {
      if (!unavailableSecrets.isEmpty()) {
        return State.DOWN;
      }
      return staleSecrets.isEmpty() ? State.UP : State.STALE;
    }

    /** When the snapshot was taken (the resolver's clock). */
    public Instant time() {
      return time;
    }

    /** The resolver's environment name. */
    public String environment() {
      return environment;
    }

    /** The id of the resolver's source (a URI without credentials). */
    public String sourceId() {
      return sourceId;
    }

    /** How many secrets (not fields) hold a value in the cache. */
    public int cachedSecrets() {
      return cachedSecrets;
    }

    /** Secrets served from their last good value while the store fails, sorted. */
    public List<String> staleSecrets() {
      return staleSecrets;
    }

    /** Secrets that can no longer be served (past {@code max-stale}, or required and missing), sorted. */
    public List<String> unavailableSecrets() {
      return unavailableSecrets;
    }

    /** How long ago the oldest cached value was last confirmed by the store; empty when nothing is cached. */
    public Optional<Duration> oldestValueAge() {
      return Optional.ofNullable(oldestValueAge);
    }

    /** Rotations noticed since the resolver was built. */
    public long rotations() {
      return rotations;
    }

    /** Audit events dropped since the resolver was built because the audit queue was full. */
    public long droppedAuditEvents() {
      return droppedAuditEvents;
    }

    @Override
    public String toString() {
      return "Status[" + state() + " in " + environment + " from " + sourceId + ", " + cachedSecrets
          + " cached, stale " + staleSecrets + ", unavailable " + unavailableSecrets + "]";
    }
  }

  /**
   * A source of nanosecond time for refresh, staleness and backoff decisions. Inject a fake one in tests so
   * they never sleep; the default is {@link System#nanoTime()}.
   */
  @FunctionalInterface
  interface Ticker {
    /** Nanoseconds from an arbitrary origin; only differences matter. */
    long read();

    /** The system ticker. */
    static Ticker system() {
      return SystemTicker.INSTANCE;
    }
  }
}
