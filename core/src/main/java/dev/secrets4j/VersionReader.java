package dev.secrets4j;

import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code versions(name)}: the current value through the ordinary read (guards, access policy, audit), then the
 * previous one, which passes the value guards before it is kept and is audited whenever it is handed out. A
 * previous version a guard refuses is not served: the list then holds the current version only.
 */
final class VersionReader {
  private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);

  private final Resolver resolver;
  private final ResolverSettings s;
  private final OwnedSecrets owned;
  private final AuditTrail audit;
  private final Installer installer;

  VersionReader(Resolver resolver, ResolverSettings s, OwnedSecrets owned, AuditTrail audit, Installer installer) {
    this.resolver = resolver;
    this.s = s;
    this.owned = owned;
    this.audit = audit;
    this.installer = installer;
  }

  List<Secret> versions(String name, AccessContext access) {
    Secret current = resolver.get(name, access);
    String field = SecretNames.field(name);
    Entry e = resolver.indexed(SecretNames.base(name));
    if (e == null || e.loaded == null) {
      resolver.checkOpen(); // a close() that raced this read: say so, not "evicted"
      throw new SecretUnavailableException("secret '" + name + "' was evicted while it was read; try again");
    }
    Loaded l = e.loaded;
    boolean fetched = false;
    if (!l.previousKnown) {
      e.lock.lock();
      try {
        l = e.loaded;
        if (!l.previousKnown) {
          try {
            l = new Loaded(l.current, fetchPrevious(e, l, access), true, l.fingerprint);
            e.replaced(l);
            fetched = l.previous != null;
          } catch (PreviousUnknownForNow transientFailure) {
            // the current version stands on its own; the previous one is asked for again next time
          }
        }
      } finally {
        e.lock.unlock();
      }
    }
    List<Secret> out = new ArrayList<>(2);
    out.add(current);
    Secret previous = l.previous;
    if (previous != null && !previous.versionId().equals(current.versionId())) {
      out.add(field != null ? previous.field(field) : previous);
      if (!fetched) {
        audit.previousServed(e, l, access);
      }
    }
    return List.copyOf(out);
  }

  /** The previous version from the store, if it has one and the guards accept it; audited either way. */
  private Secret fetchPrevious(Entry e, Loaded l, AccessContext access) {
    long start = s.ticker.read();
    SecretVersion pv;
    try {
      pv = s.source.fetch(e.name, VersionSelector.PREVIOUS);
    } catch (SecretSourceException ex) {
      if (ex.kind() == Kind.NOT_FOUND) {
        return null;
      }
      audit.record(audit.event(e.name, Outcome.FAILED, access, null, s.ticker.read() - start,
          "previous version: " + ex.getMessage()));
      if (ex.kind() == Kind.TRANSIENT) {
        throw new PreviousUnknownForNow();
      }
      throw new SecretUnavailableException("previous version of secret '" + e.name + "' could not be read from "
          + s.source.id() + ": " + ex.getMessage(), ex);
    }
    if (pv.versionId().equals(l.current.versionId())) {
      return null;
    }
    long nanos = s.ticker.read() - start;
    try {
      s.guards.checkValue(s.detection.environment(), e.name, s.source.id(), pv);
    } catch (EnvironmentViolationException violation) {
      LOG.error("previous version of secret '{}' refused and not served: {}", e.name, violation.getMessage());
      audit.record(audit.event(e.name, Outcome.DENIED, access, pv.versionId(), nanos,
          "previous version: " + violation.getMessage()));
      return null;
    }
    Secret previous = owned.share(e.name, pv.versionId(), pv.created().orElse(null), pv.value());
    audit.record(audit.event(e.name, Outcome.LOADED, access, pv.versionId(), nanos, "previous version")
        .fingerprint(installer.fingerprint(pv)));
    return previous;
  }

  /** The store failed transiently on the previous version: {@code versions()} gives the current one alone. */
  private static final class PreviousUnknownForNow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PreviousUnknownForNow() {
      super(null, null, false, false);
    }
  }
}
