package dev.secrets4j.spring;

import dev.secrets4j.Secrets;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code secrets4j} health component, from the resolver's value-free status snapshot: no store call per probe.
 * {@code UP}; {@code STALE} while last good values are served during a store failure; {@code DOWN} when a secret
 * can no longer be served (past {@code max-stale}). Details hold names and counts, never values or version ids.
 */
final class SecretsHealthIndicator extends AbstractHealthIndicator {
  /** Served from last good values while the store fails: the application works, the store needs attention. */
  static final Status STALE = new Status("STALE", "serving last good values while the secret store fails");

  private final Secrets secrets;

  SecretsHealthIndicator(Secrets secrets) {
    super("secrets4j health check failed");
    this.secrets = secrets;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Secrets.Status status = secrets.status();
    switch (status.state()) {
      case UP -> builder.up();
      case STALE -> builder.status(STALE);
      case DOWN -> builder.down();
    }
    builder.withDetail("environment", status.environment())
        .withDetail("source", status.sourceId())
        .withDetail("cachedSecrets", status.cachedSecrets())
        .withDetail("staleSecrets", status.staleSecrets())
        .withDetail("unavailableSecrets", status.unavailableSecrets())
        .withDetail("rotations", status.rotations())
        .withDetail("droppedAuditEvents", status.droppedAuditEvents());
    status.oldestValueAge().ifPresent(age -> builder.withDetail("oldestValueAge", age.toString()));
  }
}
