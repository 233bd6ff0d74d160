package dev.secrets4j.internal;

import dev.secrets4j.AuditHook;
import dev.secrets4j.EnvironmentDetection;
import dev.secrets4j.Ticker;
import dev.secrets4j.spi.SecretSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/** Everything the builder decided, handed to {@link DefaultSecrets}. Not API. */
public final class ResolverSettings {
  public EnvironmentDetection detection;
  public SecretSource source;
  public Duration refreshAfter;
  public double refreshJitter;
  public Duration maxStale;
  public Duration notFoundTtl;
  public Duration refreshRateLimit;
  public Duration backoffInitial;
  public Duration backoffMax;
  public long maximumSize;
  public Ticker ticker;
  public Clock clock;
  public Executor executor;
  public boolean manualMaintenance;
  public Duration maintenanceInterval;
  public List<AuditHook> auditHooks;
  public int auditQueueSize;
  public boolean auditFailClosed;
  public boolean auditEveryHit;
  public Duration auditFlushInterval;
  public byte[] fingerprintKey;
  public Guards guards;
  public dev.secrets4j.RotationPolicy rotationPolicy;
  public dev.secrets4j.GuardMode overdueRotation;
  /** Names the manifest given to the builder requires in this environment: missing ones make the status DOWN. */
  public java.util.Set<String> requiredNames = java.util.Set.of();
}
