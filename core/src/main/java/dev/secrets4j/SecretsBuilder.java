package dev.secrets4j;

import dev.secrets4j.internal.Providers;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Configures and builds a {@link Secrets} resolver. Setters validate at once; each may be called once.
 *
 * <p>Defaults: environment detected by {@link EnvironmentDetector#standard()}; {@code refreshAfter} 5 min
 * (±10% jitter); {@code maxStale} 24 h; not-found results remembered 30 s; explicit {@code refresh} at most
 * once a second per secret; at most 10,000 cached secrets; audit hooks none, asynchronous, queue of 4,096,
 * hits aggregated per minute; guards on (see {@link #guards}).
 *
 * <p>Only the detected environment's source is created: {@link #source(String, String)} for another
 * environment records the URI and nothing else.
 */
public final class SecretsBuilder {
  private String explicitEnvironment;
  private String configuredEnvironment;
  private EnvironmentDetector detector;
  private final Map<String, String> sourceUris = new LinkedHashMap<>();
  private SecretSource sourceInstance;
  private Duration refreshAfter;
  private Duration maxStale;
  private Duration notFoundTtl;
  private Duration refreshRateLimit;
  private Long maximumSize;
  private Ticker ticker;
  private Clock clock;
  private Executor executor;
  private final List<AuditHook> auditHooks = new ArrayList<>();
  private Integer auditQueueSize;
  private boolean auditFailClosed;
  private boolean auditEveryHit;
  private Duration auditFlushInterval;
  private byte[] fingerprintKey;
  private ClassLoader classLoader;
  private boolean manualMaintenance;
  private Consumer<Runnable> tickReceiver;
  private Manifest required;
  private final GuardSettings guards = new GuardSettings();
  private String origin = "the builder";

  SecretsBuilder() {}

  /** A builder loaded from {@code secrets4j.properties} (see {@link Secrets#fromConfig()}). */
  static SecretsBuilder fromConfig() {
    SecretsBuilder b = new SecretsBuilder();
    ConfigLoader.locate().applyTo(b);
    return b;
  }

  /** The environment, by name or alias; wins over {@code app.env}, {@code APP_ENV} and the hostname. */
  public SecretsBuilder environment(String nameOrAlias) {
    requireUnset(explicitEnvironment, "environment");
    this.explicitEnvironment = Objects.requireNonNull(nameOrAlias, "nameOrAlias");
    return this;
  }

  /** {@code environment=} from a configuration file: never overrides {@code app.env} / {@code APP_ENV}. */
  SecretsBuilder configuredEnvironment(String nameOrAlias) {
    requireUnset(configuredEnvironment, "environment in " + origin);
    this.configuredEnvironment = Objects.requireNonNull(nameOrAlias, "nameOrAlias");
    return this;
  }

  /** The detector to use (custom environments, aliases, hostname tokens, injected inputs). */
  public SecretsBuilder detector(EnvironmentDetector detector) {
    requireUnset(this.detector, "detector");
    this.detector = Objects.requireNonNull(detector, "detector");
    return this;
  }

  /**
   * The source URI for one environment ({@code aws-sm://us-east-1?prefix=production/}). {@code {env}} in
   * the URI expands to the environment's name. Only the detected environment's source is created.
   */
  public SecretsBuilder source(String environment, String uri) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(uri, "uri");
    String key = environment.trim().toLowerCase(java.util.Locale.ROOT);
    if (sourceUris.containsKey(key)) {
      throw new IllegalStateException("source for " + key + " was already set to " + sourceUris.get(key));
    }
    sourceUris.put(key, uri);
    return this;
  }

  /** One source URI for whichever environment is detected (use {@code {env}} in it). */
  public SecretsBuilder source(String uri) {
    return source("*", uri);
  }

  /** A source instance to use as is, whatever the environment (tests, embedding). */
  public SecretsBuilder source(SecretSource source) {
    requireUnset(sourceInstance, "source");
    this.sourceInstance = Objects.requireNonNull(source, "source");
    return this;
  }

  /** How long after a load a secret is reloaded in the background (±10% jitter). Default 5 minutes. */
  public SecretsBuilder refreshAfter(Duration d) {
    requireUnset(refreshAfter, "refreshAfter");
    this.refreshAfter = positive(d, "refreshAfter");
    return this;
  }

  /** How long the last good value is served while the source fails. Default 24 hours. */
  public SecretsBuilder maxStale(Duration d) {
    requireUnset(maxStale, "maxStale");
    this.maxStale = positive(d, "maxStale");
    return this;
  }

  /** How long a not-found or access-denied answer is remembered before the store is asked again. Default 30 s. */
  public SecretsBuilder notFoundTtl(Duration d) {
    requireUnset(notFoundTtl, "notFoundTtl");
    this.notFoundTtl = nonNegative(d, "notFoundTtl");
    return this;
  }

  /** The least time between two explicit {@link Secrets#refresh} store calls for one secret. Default 1 s. */
  public SecretsBuilder refreshRateLimit(Duration d) {
    requireUnset(refreshRateLimit, "refreshRateLimit");
    this.refreshRateLimit = nonNegative(d, "refreshRateLimit");
    return this;
  }

  /** The most secrets cached at once. Default 10,000. */
  public SecretsBuilder maximumSize(long n) {
    requireUnset(maximumSize, "maximumSize");
    if (n < 1) {
      throw new IllegalArgumentException("maximumSize must be at least 1, was " + n);
    }
    this.maximumSize = n;
    return this;
  }

  /** The time source for refresh, staleness and backoff; inject a fake one in tests. */
  public SecretsBuilder ticker(Ticker ticker) {
    requireUnset(this.ticker, "ticker");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  /** The wall clock for audit timestamps and rotation age. Default: the system UTC clock. */
  public SecretsBuilder clock(Clock clock) {
    requireUnset(this.clock, "clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Where background refreshes call the store. Default: two daemon threads owned by the resolver. */
  public SecretsBuilder executor(Executor executor) {
    requireUnset(this.executor, "executor");
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** Adds an audit hook. */
  public SecretsBuilder auditHook(AuditHook hook) {
    auditHooks.add(Objects.requireNonNull(hook, "hook"));
    return this;
  }

  /** The bounded queue between readers and asynchronous hooks. Default 4,096 events. */
  public SecretsBuilder auditQueueSize(int size) {
    requireUnset(auditQueueSize, "auditQueueSize");
    if (size < 1) {
      throw new IllegalArgumentException("auditQueueSize must be at least 1, was " + size);
    }
    this.auditQueueSize = size;
    return this;
  }

  /**
   * Runs hooks on the reader's thread, one event per read (hits too), and denies the read when a hook
   * throws. Costs every read a hook call.
   */
  public SecretsBuilder auditFailClosed() {
    this.auditFailClosed = true;
    return this;
  }

  /** One event per cache hit instead of one aggregated event per secret, principal and purpose per interval. */
  public SecretsBuilder auditEveryHit() {
    this.auditEveryHit = true;
    return this;
  }

  /** How often aggregated hit events are emitted. Default 1 minute. */
  public SecretsBuilder auditFlushInterval(Duration d) {
    requireUnset(auditFlushInterval, "auditFlushInterval");
    this.auditFlushInterval = positive(d, "auditFlushInterval");
    return this;
  }

  /** A key for value fingerprints in audit events (HMAC-SHA256); without it events carry none. */
  public SecretsBuilder auditFingerprintKey(byte[] key) {
    requireUnset(fingerprintKey, "auditFingerprintKey");
    Objects.requireNonNull(key, "key");
    if (key.length < 16) {
      throw new IllegalArgumentException("auditFingerprintKey must be at least 16 bytes, was " + key.length);
    }
    this.fingerprintKey = key.clone();
    return this;
  }

  /** The class loader providers are discovered with. Default: secrets4j's own. */
  public SecretsBuilder classLoader(ClassLoader loader) {
    requireUnset(classLoader, "classLoader");
    this.classLoader = Objects.requireNonNull(loader, "loader");
    return this;
  }

  /** The guards' settings: live-key and test-key policy, access-context requirement, rotation policy. */
  public GuardOptions guards() {
    return new GuardOptions(this, guards);
  }

  /**
   * Validates {@code manifest} when the resolver is built; {@link #build()} fails with the whole report
   * if any required secret is missing, empty, denied or refused.
   */
  public SecretsBuilder require(Manifest manifest) {
    requireUnset(required, "require");
    this.required = Objects.requireNonNull(manifest, "manifest");
    return this;
  }

  /** For core's own tests that never tick: no background thread, and no tick handed out. */
  SecretsBuilder manualMaintenance() {
    this.manualMaintenance = true;
    return this;
  }

  /**
   * Hands the resolver's maintenance tick to the caller instead of running it on a background thread once a second.
   * The tick does the time-driven work: refresh ahead, backoff retries, the staleness limit, audit hit flushes and
   * the size bound's bookkeeping. At {@link #build()} the resolver gives {@code tickReceiver} a {@link Runnable} that
   * runs one tick (on the caller's thread; a no-op after {@link Secrets#close()}), and runs none by itself. For tests
   * that move time with {@link #ticker(Ticker)}; the test kit's {@code TestSecrets.advance} is built on it.
   *
   * @throws NullPointerException if {@code tickReceiver} is null
   * @throws IllegalStateException if a tick receiver was already set
   */
  public SecretsBuilder manualMaintenance(Consumer<Runnable> tickReceiver) {
    requireUnset(this.tickReceiver, "manualMaintenance");
    this.tickReceiver = Objects.requireNonNull(tickReceiver, "tickReceiver");
    this.manualMaintenance = true;
    return this;
  }

  /** Where the settings came from, for error messages: a file name. */
  SecretsBuilder origin(String origin) {
    this.origin = origin;
    return this;
  }

  GuardSettings guardSettings() {
    return guards;
  }

  /**
   * Detects the environment, creates that environment's source, applies the build-time guards and, if
   * asked, validates the required secrets.
   *
   * @throws SecretConfigurationException when no source is configured for the environment or a URI is bad
   * @throws EnvironmentViolationException when a guard refuses the configuration
   */
  public Secrets build() {
    EnvironmentDetector d = detector != null ? detector : EnvironmentDetector.standard();
    if (explicitEnvironment != null) {
      d = d.withExplicit(explicitEnvironment);
    } else if (configuredEnvironment != null) {
      d = d.withConfigured(configuredEnvironment, origin);
    }
    EnvironmentDetection detection = d.detect();
    Environment env = detection.environment();
    for (String key : sourceUris.keySet()) {
      if (!key.equals("*")) {
        d.resolve(key);
      }
    }
    SecretSource source;
    if (sourceInstance != null) {
      source = sourceInstance;
    } else {
      String uri = sourceUris.get(env.name());
      if (uri == null) {
        for (Map.Entry<String, String> e : sourceUris.entrySet()) {
          if (!e.getKey().equals("*") && d.resolve(e.getKey()).equals(env)) {
            uri = e.getValue();
          }
        }
      }
      if (uri == null) {
        uri = sourceUris.get("*");
      }
      if (uri == null) {
        throw new SecretConfigurationException("no source is configured for environment " + env + " ("
            + detection.reason() + ") in " + origin + "; set source." + env.name()
            + " (environments with a source: " + sourceUris.keySet() + ")");
      }
      ClassLoader loader = classLoader != null ? classLoader : SecretsBuilder.class.getClassLoader();
      guards.checkSources(env, d, sourceUris, uri, origin, Providers.identities(loader));
      SourceUri parsed = SourceUri.parse(uri, env);
      source = Providers.create(parsed, loader);
    }
    ResolverSettings s = new ResolverSettings();
    s.detection = detection;
    s.source = source;
    s.refreshAfter = or(refreshAfter, Duration.ofMinutes(5));
    s.refreshJitter = 0.10;
    s.maxStale = or(maxStale, Duration.ofHours(24));
    s.notFoundTtl = or(notFoundTtl, Duration.ofSeconds(30));
    s.refreshRateLimit = or(refreshRateLimit, Duration.ofSeconds(1));
    s.backoffInitial = Duration.ofSeconds(1);
    s.backoffMax = Duration.ofSeconds(60);
    s.maximumSize = maximumSize != null ? maximumSize : 10_000L;
    s.ticker = or(ticker, Ticker.system());
    s.clock = or(clock, Clock.systemUTC());
    s.executor = executor;
    s.manualMaintenance = manualMaintenance;
    s.maintenanceInterval = Duration.ofSeconds(1);
    s.auditHooks = List.copyOf(auditHooks);
    s.auditQueueSize = auditQueueSize != null ? auditQueueSize : 4096;
    s.auditFailClosed = auditFailClosed;
    s.auditEveryHit = auditEveryHit;
    s.auditFlushInterval = or(auditFlushInterval, Duration.ofMinutes(1));
    s.fingerprintKey = fingerprintKey;
    s.guards = guards.build(env, d);
    s.rotationPolicy = guards.rotationPolicy;
    s.overdueRotation = guards.overdueRotation;
    s.requiredNames = requiredNames(required, env);
    Resolver secrets;
    try {
      secrets = new Resolver(s);
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
    try {
      if (required != null) {
        ValidationReport report = secrets.validate(required);
        if (!report.isValid()) {
          throw new SecretConfigurationException("required secrets are not all usable in " + env + ":\n" + report);
        }
        report.warnings().forEach(w -> org.slf4j.LoggerFactory.getLogger("secrets4j.guard").warn("{}", w));
      }
    } catch (RuntimeException e) {
      secrets.close();
      throw e;
    }
    if (tickReceiver != null) {
      tickReceiver.accept(secrets.tick());
    }
    return secrets;
  }

  private static java.util.Set<String> requiredNames(Manifest manifest, Environment env) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    if (manifest != null) {
      for (Manifest.Item item : manifest.itemsFor(env)) {
        if (item.required()) {
          names.add(item.name());
        }
      }
    }
    return java.util.Set.copyOf(names);
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static void requireUnset(Object current, String what) {
    if (current != null) {
      throw new IllegalStateException(what + " was already set to " + current);
    }
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d;
  }

  private static Duration nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + d);
    }
    return d;
  }
}
