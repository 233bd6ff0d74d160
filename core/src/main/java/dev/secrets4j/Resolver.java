package dev.secrets4j;

import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.spi.SecretSource;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolver: the hit path, and the wiring of its collaborators (see core's README for the map). The hit path is
 * one map lookup and a few field reads: no clock, no lock, no I/O. A miss goes to the {@link Loader}; time-driven
 * work to the {@link Maintenance} tick and the {@link Refresher}; audit to the {@link AuditTrail}.
 */
final class Resolver implements Secrets {
  private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);

  private final ResolverSettings s;
  private final Environment environment;
  private final SecretSource source;
  private final String sourceId;
  /** The entries' map, read by the hit path directly. */
  private final ConcurrentHashMap<String, Entry> live;
  /** No audit hook and no access check: a hit is a lookup and a field read. */
  private final boolean plainHits;
  private final Guards guards;
  private final EntryIndex index;
  private final AuditTrail audit;
  private final OwnedSecrets owned = new OwnedSecrets();
  private final Loader loader;
  private final Refresher refresher;
  private final Preloader preloader;
  private final VersionReader versionReader;
  private final RotationListeners listeners = new RotationListeners();
  private final Maintenance maintenance;
  /** The resolver's own refresh threads when the builder gave no executor, else null. */
  private final RefreshPool ownedRefreshExecutor;
  private volatile boolean closed;

  Resolver(ResolverSettings settings) {
    this.s = settings;
    this.environment = settings.detection.environment();
    this.source = settings.source;
    this.sourceId = settings.source.id();
    this.guards = settings.guards;
    this.index = new EntryIndex(settings.maximumSize);
    this.live = index.live();
    this.audit = new AuditTrail(settings, settings.ticker.read());
    this.plainHits = !audit.enabled() && !guards.checksAccess();
    Executor refreshExecutor;
    if (settings.executor != null) {
      refreshExecutor = settings.executor;
      this.ownedRefreshExecutor = null;
    } else {
      this.ownedRefreshExecutor = new RefreshPool();
      refreshExecutor = ownedRefreshExecutor;
    }
    Backoff backoff = new Backoff(settings);
    Installer installer = new Installer(settings, owned, backoff);
    this.loader = new Loader(settings, audit, installer, backoff, listeners);
    this.refresher = new Refresher(settings, refreshExecutor, audit, installer, backoff, listeners);
    this.preloader = new Preloader(this, settings, index, audit, installer);
    this.versionReader = new VersionReader(this, settings, owned, audit, installer);
    this.maintenance = new Maintenance(settings, index, refresher, audit, listeners);
    maintenance.start();
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Secret get(String name) {
    return get(name, AccessContext.none());
  }

  /**
   * The hit path, kept small so that it inlines into callers: one map lookup, a few field reads; no clock, no
   * lock, no I/O, no allocation. Everything else is out of line.
   */
  @Override
  public Secret get(String name, AccessContext access) {
    Entry e = live.get(name);
    if (e != null) {
      Entry owner = e.owner;
      Loaded l = owner.loaded;
      if (l != null && !owner.expired) {
        if (plainHits) {
          e.touch();
          return e.field == null ? l.current : FieldReads.read(audit, owned, e, l, access);
        }
        return hit(e, owner, l, access);
      }
    }
    return miss(name, access);
  }

  /** A hit with audit or an access policy. {@code e} is the entry asked for, {@code owner} holds the value. */
  private Secret hit(Entry e, Entry owner, Loaded l, AccessContext access) {
    e.touch();
    Secret value = e.field == null ? l.current : FieldReads.read(audit, owned, e, l, access);
    if (audit.aggregatesHits()) {
      if (!e.accessChecked(access)) {
        guards.checkAccess(environment, e.name, access);
        e.accessPassed(access);
      }
    } else {
      guards.checkAccess(environment, e.name, access);
    }
    audit.hit(e, owner, l, access);
    return value;
  }

  private Secret miss(String name, AccessContext access) {
    checkOpen();
    Objects.requireNonNull(access, "access");
    int hash = SecretNames.check(name);
    try {
      guards.checkAccess(environment, name, access);
    } catch (SecretAccessDeniedException denied) {
      audit.record(audit.event(name, Outcome.DENIED, access, null, 0L, denied.getMessage()));
      throw denied;
    }
    if (hash > 0) {
      Entry parent = index.entry(SecretNames.base(name));
      Entry fieldEntry = index.fieldEntry(name, hash, parent);
      Loaded l = parent.loaded;
      if (l != null && !parent.expired && fieldEntry.parent == parent) {
        // the parent is loaded: this is a hit on a field read for the first time
        return hit(fieldEntry, parent, l, access);
      }
      return FieldReads.read(audit, owned, fieldEntry, loader.load(parent, access), access);
    }
    return loader.load(index.entry(name), access).current;
  }

  // ---------------------------------------------------------------- versions, refresh, preload

  @Override
  public List<Secret> versions(String name, AccessContext access) {
    return versionReader.versions(name, access);
  }

  @Override
  public Secret refresh(String name, AccessContext access) {
    checkOpen();
    Objects.requireNonNull(access, "access");
    SecretNames.check(name);
    Entry e = index.entry(SecretNames.base(name));
    if (!e.claimExplicitRefresh(s.ticker.read(), s.refreshRateLimit.toNanos())) {
      return get(name, access); // within the limit, for a missing secret too: its remembered answer
    }
    if (e.loaded == null) {
      e.retryNow(); // an explicit refresh skips the not-found pause, once per limit
      return get(name, access);
    }
    refresher.refreshNow(e);
    return get(name, access);
  }

  @Override
  public void preload(Collection<String> names, AccessContext access) {
    checkOpen();
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(access, "access");
    preloader.preload(names, access);
  }

  // ---------------------------------------------------------------- the rest of the interface

  @Override
  public void onRotation(String name, RotationListener listener) {
    listeners.add(name, listener);
  }

  @Override
  public void onRotation(RotationListener listener) {
    listeners.add(listener);
  }

  @Override
  public Environment environment() {
    return environment;
  }

  @Override
  public Environment.Detection detection() {
    return s.detection;
  }

  @Override
  public Secrets.Status status() {
    return StatusSnapshot.of(index.values(), s.requiredNames, s.ticker.read(), s.clock.instant(),
        environment.name(), sourceId, listeners.count(), audit.droppedTotal());
  }

  @Override
  public String sourceId() {
    return sourceId;
  }

  @Override
  public Manifest.Report validate(Manifest manifest) {
    Objects.requireNonNull(manifest, "manifest");
    return Validator.validate(this, manifest);
  }

  /** The maintenance tick, for {@link SecretsBuilder#manualMaintenance(java.util.function.Consumer)}. */
  Runnable tick() {
    return maintenance::tick;
  }

  /** The entry of {@code name}, if live (for the version reader). */
  Entry indexed(String name) {
    return index.get(name);
  }

  SecretSource source() {
    return source;
  }

  Clock clock() {
    return s.clock;
  }

  ResolverSettings settings() {
    return s;
  }

  /** @throws IllegalStateException once closed */
  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this Secrets resolver is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    audit.flushHits(index.values());
    closed = true;
    maintenance.stop();
    if (ownedRefreshExecutor != null) {
      ownedRefreshExecutor.shutdownNow();
    }
    loader.close();
    audit.close(2000);
    owned.close();
    index.clear();
    try {
      source.close();
    } catch (RuntimeException ex) {
      LOG.warn("closing source {} failed: {}", sourceId, ex.getClass().getName());
    }
  }

  @Override
  public String toString() {
    return "Secrets[" + environment + ", " + sourceId + "]";
  }
}
