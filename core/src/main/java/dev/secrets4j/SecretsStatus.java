package dev.secrets4j;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
public final class SecretsStatus {
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

  private SecretsStatus(Instant time, String environment, String sourceId, int cachedSecrets,
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
  static SecretsStatus of(Instant time, String environment, String sourceId, int cachedSecrets,
      List<String> staleSecrets, List<String> unavailableSecrets, Duration oldestValueAge, long rotations,
      long droppedAuditEvents) {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(sourceId, "sourceId");
    if (cachedSecrets < 0 || rotations < 0 || droppedAuditEvents < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    return new SecretsStatus(time, environment, sourceId, cachedSecrets, staleSecrets, unavailableSecrets,
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
    return "SecretsStatus[" + state() + " in " + environment + " from " + sourceId + ", " + cachedSecrets
        + " cached, stale " + staleSecrets + ", unavailable " + unavailableSecrets + "]";
  }
}
