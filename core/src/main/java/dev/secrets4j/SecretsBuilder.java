package dev.secrets4j;

import dev.secrets4j.Secrets.Ticker;
import dev.secrets4j.spi.SecretSource;
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
 * (±10% jitter); {@code maxStale} 24 h; {@code revokedGrace} 30 s; not-found results remembered 30 s; explicit {@code refresh} at most
 * once a second per secret; at most 10,000 cached secrets; audit hooks none, asynchronous, queue of 4,096,
 * hits aggregated per minute; guards on (see {@link #guards}).
 *
 * <p>Only the detected environment's source is created: {@link #source(String, String)} for another
 * environment records the URI and nothing else.
 */
public final class SecretsBuilder {
  String explicitEnvironment;
  String configuredEnvironment;
  EnvironmentDetector detector;
  final Map<String, String> sourceUris = new LinkedHashMap<>();
  SecretSource sourceInstance;
  Duration refreshAfter;
  Duration maxStale;
  Duration revokedGrace;
  Duration notFoundTtl;
  Duration refreshRateLimit;
  Long maximumSize;
  Ticker ticker;
  Clock clock;
  Executor executor;
  final List<AuditHook> auditHooks = new ArrayList<>();
  Integer auditQueueSize;
  boolean auditFailClosed;
  boolean auditEveryHit;
  Duration auditFlushInterval;
  byte[] fingerprintKey;
  ClassLoader classLoader;
  boolean manualMaintenance;
  Consumer<Runnable> tickReceiver;
  Manifest required;
  final GuardSettings guards = new GuardSettings();
  String origin = "the builder";

  SecretsBuilder() {}

  /** A builder loaded from {@code secrets4j.properties} (see {@link Secrets#fromConfig()}). */
  static SecretsBuilder fromConfig() {
    SecretsBuilder b = new SecretsBuilder();
    ConfigLoader.locate().applyTo(b);
    return b;
  }

  /**
   * The environment, by name or alias; wins over {@code app.env}, {@code APP_ENV} and the hostname.
   *
   * @throws NullPointerException if {@code nameOrAlias} is null
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder environment(String nameOrAlias) {
    BuilderChecks.requireUnset(explicitEnvironment, "environment");
    this.explicitEnvironment = Objects.requireNonNull(nameOrAlias, "nameOrAlias");
    return this;
  }

  /** {@code environment=} from a configuration file: never overrides {@code app.env} / {@code APP_ENV}. */
  SecretsBuilder configuredEnvironment(String nameOrAlias) {
    BuilderChecks.requireUnset(configuredEnvironment, "environment in " + origin);
    this.configuredEnvironment = Objects.requireNonNull(nameOrAlias, "nameOrAlias");
    return this;
  }

  /**
   * The detector to use (custom environments, aliases, hostname tokens, injected inputs).
   *
   * @throws NullPointerException if {@code detector} is null
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder detector(EnvironmentDetector detector) {
    BuilderChecks.requireUnset(this.detector, "detector");
    this.detector = Objects.requireNonNull(detector, "detector");
    return this;
  }

  /**
   * The source URI for one environment ({@code aws-sm://us-east-1?prefix=production/}). {@code {env}} in
   * the URI expands to the environment's name. Only the detected environment's source is created.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if that environment's source was already set
   */
  public SecretsBuilder source(String environment, String uri) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(uri, "uri");
    String key = environment.trim().toLowerCase(java.util.Locale.ROOT);
    if (sourceUris.containsKey(key)) {
      // never the URI itself: it may carry a credential-like parameter
      throw new IllegalStateException("source for " + key + " was already set; set each environment's source once");
    }
    sourceUris.put(key, uri);
    return this;
  }

  /**
   * One source URI for whichever environment is detected (use {@code {env}} in it).
   *
   * @throws NullPointerException if {@code uri} is null
   * @throws IllegalStateException if a source for every environment was already set
   */
  public SecretsBuilder source(String uri) {
    return source("*", uri);
  }

  /**
   * A source instance to use as is, whatever the environment (tests, embedding).
   *
   * @throws NullPointerException if {@code source} is null
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder source(SecretSource source) {
    BuilderChecks.requireUnset(sourceInstance, "source");
    this.sourceInstance = Objects.requireNonNull(source, "source");
    return this;
  }

  /**
   * How long after a load a secret is reloaded in the background (±10% jitter). Default 5 minutes.
   *
   * @throws NullPointerException if {@code d} is null
   * @throws IllegalArgumentException if {@code d} is zero or negative
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder refreshAfter(Duration d) {
    BuilderChecks.requireUnset(refreshAfter, "refreshAfter");
    this.refreshAfter = BuilderChecks.positive(d, "refreshAfter");
    return this;
  }

  /**
   * How long the last good value is served while the source fails. Default 24 hours.
   *
   * @throws NullPointerException if {@code d} is null
   * @throws IllegalArgumentException if {@code d} is zero or negative
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder maxStale(Duration d) {
    BuilderChecks.requireUnset(maxStale, "maxStale");
    this.maxStale = BuilderChecks.positive(d, "maxStale");
    return this;
  }

  /**
   * How long a cached value is still served after the store answered definitively that it will not serve it any
   * more: not found, access denied, disabled, deleted or scheduled for deletion, decryption refused. Default 30 s:
   * long enough for one confirming call (an access change or a replica may answer wrongly for a few seconds while
   * it propagates), short enough that a revoked key stops working within a minute of the store saying so. Zero
   * stops serving at the next maintenance tick. Only transient failures are ridden out up to {@link #maxStale}.
   *
   * @throws NullPointerException if {@code d} is null
   * @throws IllegalArgumentException if {@code d} is negative
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder revokedGrace(Duration d) {
    BuilderChecks.requireUnset(revokedGrace, "revokedGrace");
    this.revokedGrace = BuilderChecks.nonNegative(d, "revokedGrace");
    return this;
  }

  /**
   * How long a not-found or access-denied answer is remembered before the store is asked again. Default 30 s.
   *
   * @throws NullPointerException if {@code d} is null
   * @throws IllegalArgumentException if {@code d} is negative
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder notFoundTtl(Duration d) {
    BuilderChecks.requireUnset(notFoundTtl, "notFoundTtl");
    this.notFoundTtl = BuilderChecks.nonNegative(d, "notFoundTtl");
    return this;
  }

  /**
   * The least time between two explicit {@link Secrets#refresh} store calls for one secret. Default 1 s.
   *
   * @throws NullPointerException if {@code d} is null
   * @throws IllegalArgumentException if {@code d} is negative
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder refreshRateLimit(Duration d) {
    BuilderChecks.requireUnset(refreshRateLimit, "refreshRateLimit");
    this.refreshRateLimit = BuilderChecks.nonNegative(d, "refreshRateLimit");
    return this;
  }

  /**
   * The most secrets cached at once. Default 10,000.
   *
   * @throws IllegalArgumentException if {@code n} is less than 1
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder maximumSize(long n) {
    BuilderChecks.requireUnset(maximumSize, "maximumSize");
    if (n < 1) {
      throw new IllegalArgumentException("maximumSize must be at least 1, was " + n);
    }
    this.maximumSize = n;
    return this;
  }

  /**
   * The time source for refresh, staleness and backoff; inject a fake one in tests.
   *
   * @throws NullPointerException if {@code ticker} is null
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder ticker(Ticker ticker) {
    BuilderChecks.requireUnset(this.ticker, "ticker");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  /**
   * The wall clock for audit timestamps and rotation age. Default: the system UTC clock.
   *
   * @throws NullPointerException if {@code clock} is null
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder clock(Clock clock) {
    BuilderChecks.requireUnset(this.clock, "clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Where background refreshes call the store. Default: two daemon threads owned by the resolver.
   *
   * @throws NullPointerException if {@code executor} is null
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder executor(Executor executor) {
    BuilderChecks.requireUnset(this.executor, "executor");
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /**
   * Adds an audit hook.
   *
   * @throws NullPointerException if {@code hook} is null
   */
  public SecretsBuilder auditHook(AuditHook hook) {
    auditHooks.add(Objects.requireNonNull(hook, "hook"));
    return this;
  }

  /**
   * The bounded queue between readers and asynchronous hooks. Default 4,096 events.
   *
   * @throws IllegalArgumentException if {@code size} is less than 1
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder auditQueueSize(int size) {
    BuilderChecks.requireUnset(auditQueueSize, "auditQueueSize");
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

  /**
   * How often aggregated hit events are emitted. Default 1 minute.
   *
   * @throws NullPointerException if {@code d} is null
   * @throws IllegalArgumentException if {@code d} is zero or negative
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder auditFlushInterval(Duration d) {
    BuilderChecks.requireUnset(auditFlushInterval, "auditFlushInterval");
    this.auditFlushInterval = BuilderChecks.positive(d, "auditFlushInterval");
    return this;
  }

  /**
   * A key for value fingerprints in audit events (HMAC-SHA256); without it events carry none.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code key} is shorter than 16 bytes
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder auditFingerprintKey(byte[] key) {
    BuilderChecks.requireUnset(fingerprintKey, "auditFingerprintKey");
    Objects.requireNonNull(key, "key");
    if (key.length < 16) {
      throw new IllegalArgumentException("auditFingerprintKey must be at least 16 bytes, was " + key.length);
    }
    this.fingerprintKey = key.clone();
    return this;
  }

  /**
   * The class loader providers are discovered with. Default: secrets4j's own.
   *
   * @throws NullPointerException if {@code loader} is null
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder classLoader(ClassLoader loader) {
    BuilderChecks.requireUnset(classLoader, "classLoader");
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
   *
   * @throws NullPointerException if {@code manifest} is null
   * @throws IllegalStateException if it was already set
   */
  public SecretsBuilder require(Manifest manifest) {
    BuilderChecks.requireUnset(required, "require");
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
    BuilderChecks.requireUnset(this.tickReceiver, "manualMaintenance");
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
    return ResolverAssembly.assemble(this);
  }
}
