package dev.secrets4j;

import dev.secrets4j.spi.SecretSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Everything the builder decided, handed to {@link Resolver}. Not API. */
final class ResolverSettings {
  EnvironmentDetection detection;
  SecretSource source;
  Duration refreshAfter;
  double refreshJitter;
  /** Uniform in [0, 1): the jitter of refresh times and of the backoff. */
  DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
  Duration maxStale;
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
}
