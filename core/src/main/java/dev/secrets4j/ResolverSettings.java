package dev.secrets4j;

import dev.secrets4j.Secrets.Ticker;
import dev.secrets4j.spi.SecretSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Everything the builder decided, handed to {@link Resolver}. Not API. */
final class ResolverSettings {
  Environment.Detection detection;
  SecretSource source;
  Duration refreshAfter;
  double refreshJitter;
  /** Uniform in [0, 1): the jitter of refresh times and of the backoff. */
  DoubleSupplier random = SharedRandom.INSTANCE;
  Duration maxStale;
  /** How long a value is still served after the store refused it definitively (revocation). */
  Duration revokedGrace;
  Duration notFoundTtl;
  Duration refreshRateLimit;
  Duration backoffInitial;
  Duration backoffMax;
  long maximumSize;
  Ticker ticker;
  Clock clock;
  Executor executor;
  boolean manualMaintenance;
  Duration maintenanceInterval;
  List<AuditHook> auditHooks;
  int auditQueueSize;
  boolean auditFailClosed;
  boolean auditEveryHit;
  Duration auditFlushInterval;
  byte[] fingerprintKey;
  Guards guards;
  dev.secrets4j.GuardOptions.RotationPolicy rotationPolicy;
  dev.secrets4j.GuardOptions.Mode overdueRotation;
  /** Names the manifest given to the builder requires in this environment: missing ones make the status DOWN. */
  java.util.Set<String> requiredNames = java.util.Set.of();

  /** The settings {@code b} chose, with the library's defaults for the rest. */
  static ResolverSettings of(SecretsBuilder b, Environment.Detection detection, SecretSource source, Guards guards,
      java.util.Set<String> requiredNames) {
    ResolverSettings s = new ResolverSettings();
    s.detection = detection;
    s.source = source;
    s.refreshAfter = orElse(b.refreshAfter, Duration.ofMinutes(5));
    s.refreshJitter = 0.10;
    s.maxStale = orElse(b.maxStale, Duration.ofHours(24));
    s.revokedGrace = orElse(b.revokedGrace, Duration.ofSeconds(30));
    s.notFoundTtl = orElse(b.notFoundTtl, Duration.ofSeconds(30));
    s.refreshRateLimit = orElse(b.refreshRateLimit, Duration.ofSeconds(1));
    s.backoffInitial = Duration.ofSeconds(1);
    s.backoffMax = Duration.ofSeconds(60);
    s.maximumSize = b.maximumSize != null ? b.maximumSize : 10_000L;
    s.ticker = orElse(b.ticker, Ticker.system());
    s.clock = orElse(b.clock, Clock.systemUTC());
    s.executor = b.executor;
    s.manualMaintenance = b.manualMaintenance;
    s.maintenanceInterval = Duration.ofSeconds(1);
    s.auditHooks = List.copyOf(b.auditHooks);
    s.auditQueueSize = b.auditQueueSize != null ? b.auditQueueSize : 4096;
    s.auditFailClosed = b.auditFailClosed;
    s.auditEveryHit = b.auditEveryHit;
    s.auditFlushInterval = orElse(b.auditFlushInterval, Duration.ofMinutes(1));
    s.fingerprintKey = b.fingerprintKey;
    s.guards = guards;
    s.rotationPolicy = b.guards.rotationPolicy;
    s.overdueRotation = b.guards.overdueRotation;
    s.requiredNames = requiredNames;
    return s;
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** {@link ThreadLocalRandom}, as a named class rather than a lambda (one hidden class fewer at start-up). */
  private enum SharedRandom implements DoubleSupplier {
    INSTANCE;

    @Override
    public double getAsDouble() {
      return ThreadLocalRandom.current().nextDouble();
    }
  }
}
