package dev.secrets4j;

import dev.secrets4j.Secrets.Ticker;
import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Loads a secret on a miss. Single flight: one thread calls the store, the others wait on the entry's lock and take
 * its result. The value passes the guards before it is installed; a store failure is remembered (with backoff) and
 * mapped to the exception the caller sees; everything is audited.
 */
final class Loader {
  private final ResolverSettings s;
  private final Environment environment;
  private final SecretSource source;
  private final String sourceId;
  private final Ticker ticker;
  private final Guards guards;
  private final AuditTrail audit;
  private final Installer installer;
  private final Backoff backoff;
  private final RotationListeners listeners;
  private final MetadataPrefetch prefetch;

  Loader(ResolverSettings s, AuditTrail audit, Installer installer, Backoff backoff, RotationListeners listeners) {
    this.s = s;
    this.environment = s.detection.environment();
    this.source = s.source;
    this.sourceId = s.source.id();
    this.ticker = s.ticker;
    this.guards = s.guards;
    this.audit = audit;
    this.installer = installer;
    this.backoff = backoff;
    this.listeners = listeners;
    this.prefetch = new MetadataPrefetch(source, guards.wantsMetadata());
  }

  /**
   * The loaded state of {@code e}, from the cache if another thread loaded it meanwhile, else from the store.
   *
   * @throws SecretException as {@link Secrets#get(String, AccessContext)} documents
   */
  Loaded load(Entry e, AccessContext access) {
    long start = ticker.read();
    e.lock.lock();
    try {
      Loaded l = e.loaded;
      if (l != null && !e.expired) {
        // another thread loaded it while this one waited
        e.touch();
        audit.hit(e, e, l, access);
        return l;
      }
      long now = ticker.read();
      String refusal = e.refusal;
      if (refusal != null && now < e.nextAttemptNanos) {
        // a guard refused this secret moments ago: say so again without asking the store again
        audit.record(audit.event(e.name, Outcome.DENIED, access, null, 0L, refusal));
        throw new EnvironmentViolationException(refusal);
      }
      Failure f = e.failure;
      if (f != null && now < e.nextAttemptNanos) {
        throw failed(e, f.cause, access, ticker.read() - start, l != null);
      }
      SecretVersion v;
      Optional<SecretMetadata> metadata = Optional.empty();
      try {
        // where metadata is a call of its own, it runs beside the value call: one round trip
        CompletableFuture<Optional<SecretMetadata>> early = prefetch.start(e.name);
        v = source.fetch(e.name, VersionSelector.CURRENT);
        if (guards.wantsMetadata()) {
          metadata = v.metadata().isPresent() ? v.metadata()
              : early != null ? MetadataPrefetch.join(early) : source.metadata(e.name);
          if (metadata.isPresent() && !metadata.get().enabled().orElse(Boolean.TRUE)) {
            // the store says it keeps the secret disabled: as definitive as a refusal
            throw SecretSourceException.permanent(e.name, sourceId, "the secret is disabled in the store; enable "
                + "it there, or stop reading it", null);
          }
        }
      } catch (SecretSourceException ex) {
        backoff.recordFailure(e, ex, now, l == null);
        throw failed(e, ex, access, ticker.read() - start, l != null);
      } catch (RuntimeException ex) {
        SecretSourceException wrapped = unexpected(e.name, ex);
        backoff.recordFailure(e, wrapped, now, l == null);
        throw failed(e, wrapped, access, ticker.read() - start, l != null);
      }
      try {
        guards.checkMetadata(environment, e.name, sourceId, metadata);
        guards.checkValue(environment, e.name, sourceId, v);
        installer.warnIfOverdue(e.name, metadata);
      } catch (EnvironmentViolationException violation) {
        audit.record(audit.event(e.name, Outcome.DENIED, access, v.versionId(), ticker.read() - start,
            violation.getMessage()));
        e.refused(violation.getMessage(), now + s.notFoundTtl.toNanos());
        throw violation;
      }
      Loaded fresh = installer.install(e, v, now, l);
      if (l != null && !l.current.versionId().equals(v.versionId())) {
        // the value had expired (an outage outlived maxStale, or a revocation) and the store rotated meanwhile
        audit.emitOrDeny(audit.event(e.name, Outcome.ROTATED, access, v.versionId(), ticker.read() - start,
            AuditTrail.withOrigin("previous version " + l.current.versionId(), v)).fingerprint(fresh.fingerprint));
        listeners.fire(e.name, l.current.versionId(), v.versionId());
        return fresh;
      }
      audit.emitOrDeny(audit.event(e.name, Outcome.LOADED, access, v.versionId(), ticker.read() - start,
          AuditTrail.withOrigin(null, v))
          .fingerprint(fresh.fingerprint));
      return fresh;
    } finally {
      e.lock.unlock();
    }
  }

  /** Stops the metadata prefetch threads, if any were started. */
  void close() {
    prefetch.close();
  }

  /** The exception a reader sees for a store failure, audited. */
  private SecretException failed(Entry e, SecretSourceException cause, AccessContext access, long nanos,
      boolean hadValue) {
    Outcome outcome = switch (cause.kind()) {
      case NOT_FOUND -> Outcome.NOT_FOUND;
      case ACCESS_DENIED -> Outcome.DENIED;
      default -> Outcome.FAILED;
    };
    SecretException ex = switch (cause.kind()) {
      case NOT_FOUND -> new SecretNotFoundException("secret '" + e.name + "' not found in " + environment
          + " source " + sourceId + "; create it there, or check the name (" + cause.getMessage() + ")", cause);
      case ACCESS_DENIED -> new SecretAccessDeniedException("access to secret '" + e.name + "' denied by "
          + environment + " source " + sourceId + ": " + cause.getMessage(), cause);
      default -> new SecretUnavailableException("secret '" + e.name + "' is unavailable from " + environment
          + " source " + sourceId + ": " + unavailableBecause(e, hadValue) + "; cause: " + cause.getMessage(), cause);
    };
    audit.record(audit.event(e.name, outcome, access, null, nanos, cause.getMessage()));
    return ex;
  }

  private String unavailableBecause(Entry e, boolean hadValue) {
    if (e.revoked) {
      return "the source refused it definitively and revokedGrace (" + s.revokedGrace + ") has passed";
    }
    return hadValue
        ? "its last good value is older than maxStale (" + s.maxStale + ") and the source still fails"
        : "the source failed and there is no last good value";
  }

  /** A provider's unchecked exception, as a transient failure that names only its class. */
  static SecretSourceException unexpected(String name, RuntimeException ex) {
    return new SecretSourceException(Kind.TRANSIENT, "reading secret '" + name + "' failed: unexpected "
        + ex.getClass().getName(), ex);
  }
}
