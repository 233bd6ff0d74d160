package dev.secrets4j.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.secrets4j.AccessContext;
import dev.secrets4j.AuditEvent;
import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.Environment;
import dev.secrets4j.EnvironmentDetection;
import dev.secrets4j.EnvironmentViolationException;
import dev.secrets4j.Manifest;
import dev.secrets4j.RotationListener;
import dev.secrets4j.Secret;
import dev.secrets4j.SecretAccessDeniedException;
import dev.secrets4j.SecretException;
import dev.secrets4j.SecretNotFoundException;
import dev.secrets4j.SecretUnavailableException;
import dev.secrets4j.Secrets;
import dev.secrets4j.SecretsStatus;
import dev.secrets4j.Ticker;
import dev.secrets4j.ValidationReport;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolver. The hit path is one Caffeine lookup and one volatile read: no clock, no lock, no I/O.
 * Time-driven work (refresh ahead, staleness limit, backoff, audit hit flush) runs in {@link #runMaintenance()},
 * called every second by a daemon thread, or by tests after they advance their ticker. Store calls for
 * refreshes run on the refresh executor, batched through {@link SecretSource#fetchAll}.
 */
public final class DefaultSecrets implements Secrets {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultSecrets.class);

  /** Threads one preload may use for batches and metadata reads at once. */
  private static final int PRELOAD_PARALLELISM = 32;
  /** Names per batch read in a preload (AWS takes 20 per BatchGetSecretValue). */
  private static final int PRELOAD_BATCH = 20;

  private final ResolverSettings s;
  private final Environment environment;
  private final SecretSource source;
  private final String sourceId;
  private final Ticker ticker;
  private final Clock clock;
  /** Owns the size bound and the eviction policy; reads are reported to it in bulk by maintenance. */
  private final Cache<String, Entry> cache;
  /** The live entries, read by the hit path: a plain map lookup. Follows the cache's removals. */
  private final ConcurrentHashMap<String, Entry> index = new ConcurrentHashMap<>();
  /** No audit hook and no access check: a hit is a lookup and a field read. */
  private final boolean plainHits;
  private final AuditDispatcher audit;
  private final boolean aggregateHits;
  private final Guards guards;
  private final Executor refreshExecutor;
  private final ExecutorService ownedRefreshExecutor;
  private final ScheduledExecutorService maintenanceThread;
  private final OwnedSecrets owned = new OwnedSecrets();
  private final VersionReader versionReader = new VersionReader(this);
  private final Map<String, List<RotationListener>> listeners = new ConcurrentHashMap<>();
  private final List<RotationListener> globalListeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock maintenanceLock = new ReentrantLock();
  private final java.util.concurrent.atomic.AtomicLong rotations = new java.util.concurrent.atomic.AtomicLong();
  private final long refreshAfterNanos;
  private final long maxStaleNanos;
  private volatile long nextFlushNanos;
  private volatile boolean closed;

  public DefaultSecrets(ResolverSettings settings) {
    this.s = settings;
    this.environment = settings.detection.environment();
    this.source = settings.source;
    this.sourceId = settings.source.id();
    this.ticker = settings.ticker;
    this.clock = settings.clock;
    this.guards = settings.guards;
    this.refreshAfterNanos = settings.refreshAfter.toNanos();
    this.maxStaleNanos = settings.maxStale.toNanos();
    this.cache = Caffeine.newBuilder()
        .maximumSize(settings.maximumSize)
        .executor(Runnable::run)
        .<String, Entry>removalListener(this::onRemoval)
        .build();
    this.audit = new AuditDispatcher(settings.auditHooks, settings.auditFailClosed, settings.auditQueueSize);
    this.aggregateHits = audit.enabled() && !settings.auditFailClosed && !settings.auditEveryHit;
    this.plainHits = !audit.enabled() && !guards.checksAccess();
    if (settings.executor != null) {
      this.refreshExecutor = settings.executor;
      this.ownedRefreshExecutor = null;
    } else {
      this.ownedRefreshExecutor = Executors.newFixedThreadPool(2, daemon("secrets4j-refresh"));
      this.refreshExecutor = ownedRefreshExecutor;
    }
    this.nextFlushNanos = ticker.read() + settings.auditFlushInterval.toNanos();
    if (settings.manualMaintenance) {
      this.maintenanceThread = null;
    } else {
      this.maintenanceThread = Executors.newSingleThreadScheduledExecutor(daemon("secrets4j-maintenance"));
      long period = settings.maintenanceInterval.toMillis();
      maintenanceThread.scheduleWithFixedDelay(this::maintenanceSafely, period, period, TimeUnit.MILLISECONDS);
    }
  }

  private void onRemoval(String key, Entry value, com.github.benmanes.caffeine.cache.RemovalCause cause) {
    if (key == null || value == null) {
      return;
    }
    index.remove(key, value);
    if (value.parent != null) {
      value.parent.fields.remove(key, value);
    } else if (cause.wasEvicted()) {
      // fields hang off their parent entry: they leave the index with it, at a cost of their number, not of the
      // cache's size (the cache drops them in time)
      value.fields.forEach((k, f) -> index.remove(k, f));
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
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
    Entry e = index.get(name);
    if (e != null) {
      Entry owner = e.owner;
      Loaded l = owner.loaded;
      if (l != null && !owner.expired) {
        if (plainHits) {
          if (!e.touched) {
            e.touched = true;
          }
          return e.field == null ? l.current : FieldReads.read(this, e, l, access);
        }
        return hit(e, owner, l, access);
      }
    }
    return miss(name, access);
  }

  /** A hit with audit or an access policy. {@code e} is the entry asked for, {@code owner} holds the value. */
  private Secret hit(Entry e, Entry owner, Loaded l, AccessContext access) {
    if (!e.touched) {
      e.touched = true;
    }
    Secret value = e.field == null ? l.current : FieldReads.read(this, e, l, access);
    if (aggregateHits) {
      if (e.accessChecked != access) {
        guards.checkAccess(environment, e.name, access);
        e.accessChecked = access;
      }
      boolean stale = owner.failing;
      HitCounter c = e.lastCounter;
      if (c == null || c.access != access || c.stale != stale || c.retired) {
        c = e.counter(access, stale);
        e.lastCounter = c;
      }
      c.count.increment();
    } else {
      guards.checkAccess(environment, e.name, access);
      if (audit.enabled()) {
        emitOrDeny(event(e.name, owner.failing ? Outcome.STALE : Outcome.HIT, access, l.current.versionId(), 0L, null)
            .fingerprint(l.fingerprint));
      }
    }
    return value;
  }

  private Secret miss(String name, AccessContext access) {
    checkOpen();
    Objects.requireNonNull(access, "access");
    int hash = SecretNames.check(name);
    try {
      guards.checkAccess(environment, name, access);
    } catch (SecretAccessDeniedException denied) {
      audit(event(name, Outcome.DENIED, access, null, 0L, denied.getMessage()));
      throw denied;
    }
    if (hash > 0) {
      String base = name.substring(0, hash);
      Entry parent = entry(base);
      java.util.function.Function<String, Entry> create = n -> new Entry(n, parent, n.substring(hash + 1));
      Entry fieldEntry = entry(name, create);
      if (fieldEntry.parent != parent) {
        // the field outlived an evicted parent: replace it
        cache.asMap().remove(name, fieldEntry);
        index.remove(name, fieldEntry);
        fieldEntry = entry(name, create);
      }
      Loaded l = parent.loaded;
      if (l != null && !parent.expired && fieldEntry.parent == parent) {
        // the parent is loaded: this is a hit on a field read for the first time
        return hit(fieldEntry, parent, l, access);
      }
      return FieldReads.read(this, fieldEntry, load(parent, access), access);
    }
    Entry e = entry(name);
    Loaded l = load(e, access);
    return l.current;
  }

  private Entry entry(String name) {
    return entry(name, n -> new Entry(n, null, null));
  }

  private Entry entry(String name, java.util.function.Function<String, Entry> create) {
    Entry e = index.get(name);
    if (e != null) {
      return e;
    }
    e = cache.get(name, create);
    Entry prior = index.putIfAbsent(name, e);
    return prior != null ? prior : e;
  }

  /** Single flight: one thread loads, the others wait on the entry's lock and take its result. */
  private Loaded load(Entry e, AccessContext access) {
    long start = ticker.read();
    e.lock.lock();
    try {
      Loaded l = e.loaded;
      if (l != null && !e.expired) {
        // another thread loaded it while this one waited
        hit(e, e, l, access);
        return l;
      }
      long now = ticker.read();
      String refusal = e.refusal;
      if (refusal != null && now < e.nextAttemptNanos) {
        // a guard refused this secret moments ago: say so again without asking the store again
        audit(event(e.name, Outcome.DENIED, access, null, 0L, refusal));
        throw new EnvironmentViolationException(refusal);
      }
      Failure f = e.failure;
      if (f != null && now < e.nextAttemptNanos) {
        throw failed(e, f.cause, access, ticker.read() - start, l != null);
      }
      SecretVersion v;
      Optional<SecretMetadata> metadata = Optional.empty();
      try {
        v = source.fetch(e.name, VersionSelector.CURRENT);
        if (guards.wantsMetadata()) {
          metadata = v.metadata().isPresent() ? v.metadata() : source.metadata(e.name);
        }
      } catch (SecretSourceException ex) {
        recordFailure(e, ex, now, l == null);
        throw failed(e, ex, access, ticker.read() - start, l != null);
      } catch (RuntimeException ex) {
        SecretSourceException wrapped = unexpected(e.name, ex);
        recordFailure(e, wrapped, now, l == null);
        throw failed(e, wrapped, access, ticker.read() - start, l != null);
      }
      try {
        guards.checkMetadata(environment, e.name, sourceId, metadata);
        guards.checkValue(environment, e.name, sourceId, v);
        warnIfOverdue(e.name, metadata);
      } catch (EnvironmentViolationException violation) {
        audit(event(e.name, Outcome.DENIED, access, v.versionId(), ticker.read() - start, violation.getMessage()));
        e.refusal = violation.getMessage();
        e.nextAttemptNanos = now + s.notFoundTtl.toNanos();
        throw violation;
      }
      Loaded fresh = install(e, v, now, l);
      emitOrDeny(event(e.name, Outcome.LOADED, access, v.versionId(), ticker.read() - start, null)
          .fingerprint(fresh.fingerprint));
      return fresh;
    } finally {
      e.lock.unlock();
    }
  }

  /** In production, a secret past its rotation age is logged once, when it is first loaded. */
  private void warnIfOverdue(String name, Optional<SecretMetadata> metadata) {
    if (!environment.isProduction() || s.overdueRotation == dev.secrets4j.GuardMode.OFF || metadata.isEmpty()) {
      return;
    }
    SecretMetadata m = metadata.get();
    Optional<dev.secrets4j.RotationPolicy.Category> category = s.rotationPolicy.categoryOf(name,
        Optional.ofNullable(m.tags().get(dev.secrets4j.RotationPolicy.CATEGORY_TAG)));
    Optional<java.time.Instant> since = m.rotationReference();
    if (category.isEmpty() || since.isEmpty()) {
      return;
    }
    Duration age = Duration.between(since.get(), clock.instant());
    if (age.compareTo(category.get().maxAge()) > 0) {
      LOG.warn("[overdue-rotation] secret '{}' in {} was last rotated {} days ago; the {} limit is {} days",
          name, sourceId, age.toDays(), category.get().name(), category.get().maxAge().toDays());
    }
  }

  private SecretException failed(Entry e, SecretSourceException cause, AccessContext access, long nanos,
      boolean hadValue) {
    Outcome outcome;
    SecretException ex;
    switch (cause.kind()) {
      case NOT_FOUND:
        outcome = Outcome.NOT_FOUND;
        ex = new SecretNotFoundException("secret '" + e.name + "' not found in " + environment + " source "
            + sourceId + "; create it there, or check the name (" + cause.getMessage() + ")", cause);
        break;
      case ACCESS_DENIED:
        outcome = Outcome.DENIED;
        ex = new SecretAccessDeniedException("access to secret '" + e.name + "' denied by " + environment
            + " source " + sourceId + ": " + cause.getMessage(), cause);
        break;
      default:
        outcome = Outcome.FAILED;
        String why = hadValue
            ? "its last good value is older than maxStale (" + s.maxStale + ") and the source still fails"
            : "the source failed and there is no last good value";
        ex = new SecretUnavailableException("secret '" + e.name + "' is unavailable from " + environment
            + " source " + sourceId + ": " + why + "; cause: " + cause.getMessage(), cause);
        break;
    }
    audit(event(e.name, outcome, access, null, nanos, cause.getMessage()));
    return ex;
  }

  private static SecretSourceException unexpected(String name, RuntimeException ex) {
    return new SecretSourceException(Kind.TRANSIENT, "reading secret '" + name + "' failed: unexpected "
        + ex.getClass().getName(), ex);
  }

  private void recordFailure(Entry e, SecretSourceException ex, long now, boolean noValue) {
    Failure prior = e.failure;
    int attempts = prior == null ? 1 : prior.attempts + 1;
    e.failure = new Failure(ex, attempts, prior == null ? now : prior.since);
    long delay;
    if (ex.kind() == Kind.NOT_FOUND || ex.kind() == Kind.ACCESS_DENIED) {
      // no retry loop: a missing or forbidden secret is looked at again after a fixed pause
      delay = noValue ? s.notFoundTtl.toNanos() : refreshAfterNanos;
    } else {
      delay = backoffNanos(attempts);
    }
    if (ex.retryAfter().isPresent()) {
      // the store said when: never sooner (capped by maxStale, beyond which there is nothing to protect)
      delay = Math.max(delay, Math.min(ex.retryAfter().get().toNanos(), maxStaleNanos));
    }
    e.nextAttemptNanos = now + delay;
    e.failing = !noValue;
  }

  long backoffNanos(int attempts) {
    long initial = s.backoffInitial.toNanos();
    long max = s.backoffMax.toNanos();
    long d = initial;
    for (int i = 1; i < attempts && d < max; i++) {
      d *= 2;
    }
    d = Math.min(d, max);
    // ±20% jitter so a fleet does not retry in step
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return (long) (d * jitter);
  }

  private long jitteredRefresh() {
    double j = s.refreshJitter;
    double factor = 1.0 + (j == 0 ? 0 : (ThreadLocalRandom.current().nextDouble() * 2 - 1) * j);
    return (long) (refreshAfterNanos * factor);
  }

  /** Installs a freshly loaded version; returns the new state. Caller holds the entry lock or the refresh claim. */
  private Loaded install(Entry e, SecretVersion v, long now, Loaded prior) {
    Secret secret = owned.share(e.name, v.versionId(), v.created().orElse(null), v.value());
    Loaded fresh;
    if (prior != null && !prior.current.versionId().equals(v.versionId())) {
      // a store with history is asked for the previous version when someone wants it (it may be disabled there)
      boolean keep = !source.keepsVersionHistory();
      fresh = new Loaded(secret, keep ? prior.current : null, keep, fingerprint(v));
    } else if (prior != null) {
      fresh = new Loaded(secret, prior.previous, prior.previousKnown, fingerprint(v));
    } else {
      fresh = new Loaded(secret, null, false, fingerprint(v));
    }
    e.loaded = fresh;
    e.lastSuccessNanos = now;
    e.refreshDueNanos = now + jitteredRefresh();
    e.failure = null;
    e.refusal = null;
    e.failing = false;
    e.expired = false;
    return fresh;
  }

  String fingerprint(SecretVersion v) {
    byte[] key = s.fingerprintKey;
    if (key == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] value = v.value();
      byte[] out = mac.doFinal(value);
      java.util.Arrays.fill(value, (byte) 0);
      return "hmac-sha256:" + java.util.HexFormat.of().formatHex(out, 0, 12);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  // ---------------------------------------------------------------- versions, refresh, preload

  @Override
  public List<Secret> versions(String name, AccessContext access) {
    return versionReader.versions(name, access);
  }

  /** A cached previous version was handed out: a hit of its own, aggregated like the others. */
  void previousServed(Entry e, Loaded l, AccessContext access) {
    if (aggregateHits) {
      e.previousCounter(access).count.increment();
    } else if (audit.enabled()) {
      emitOrDeny(event(e.name, Outcome.HIT, access, l.previous.versionId(), 0L, "previous version"));
    }
  }

  @Override
  public Secret refresh(String name) {
    checkOpen();
    int hash = SecretNames.check(name);
    Entry e = entry(hash > 0 ? name.substring(0, hash) : name);
    long now = ticker.read();
    if (now - e.lastExplicitRefreshNanos < s.refreshRateLimit.toNanos()) {
      return get(name); // within the limit, for a missing secret too: its remembered answer
    }
    e.lastExplicitRefreshNanos = now;
    if (e.loaded == null) {
      e.nextAttemptNanos = 0; // an explicit refresh skips the not-found pause, once per limit
      return get(name);
    }
    if (e.refreshing.compareAndSet(false, true)) {
      try {
        refreshOne(e);
      } finally {
        e.refreshing.set(false);
      }
    }
    return get(name);
  }

  @Override
  public void preload(Collection<String> names) {
    checkOpen();
    LinkedHashSet<String> bases = new LinkedHashSet<>();
    for (String n : names) {
      int hash = SecretNames.check(n);
      String base = hash > 0 ? n.substring(0, hash) : n;
      Entry e = index.get(base);
      if (e == null || e.loaded == null) {
        bases.add(base);
      }
    }
    if (bases.isEmpty()) {
      return;
    }
    long start = ticker.read();
    Map<String, String> problems = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PRELOAD_PARALLELISM, bases.size()),
        daemon("secrets4j-preload"));
    try {
      List<String> all = List.copyOf(bases);
      // metadata for the guards in bulk where the store can (one listing), beside the value batches
      java.util.concurrent.Future<Map<String, SecretMetadata>> bulk =
          guards.wantsMetadata() && all.size() > 1 ? pool.submit(() -> source.metadataAll(all)) : null;
      // values: batches of PRELOAD_BATCH names, read at once
      List<java.util.concurrent.Future<Map<String, SecretVersion>>> batches = new ArrayList<>();
      for (int i = 0; i < all.size(); i += PRELOAD_BATCH) {
        List<String> chunk = all.subList(i, Math.min(all.size(), i + PRELOAD_BATCH));
        batches.add(pool.submit(() -> source.fetchAll(chunk)));
      }
      Map<String, SecretVersion> got = new LinkedHashMap<>();
      for (java.util.concurrent.Future<Map<String, SecretVersion>> f : batches) {
        try {
          got.putAll(f.get());
        } catch (java.util.concurrent.ExecutionException ex) {
          LOG.debug("batch preload from {} failed ({}); loading one by one", sourceId,
              ex.getCause().getClass().getSimpleName());
        }
      }
      // metadata for the guards, where the store did not send it with the value: read at once too
      Map<String, SecretMetadata> listed = Map.of();
      if (bulk != null) {
        try {
          listed = bulk.get();
        } catch (java.util.concurrent.ExecutionException ex) {
          LOG.debug("bulk metadata from {} failed ({}); reading it one by one", sourceId,
              ex.getCause().getClass().getSimpleName());
        }
      }
      Map<String, java.util.concurrent.Future<Optional<SecretMetadata>>> metadata = new LinkedHashMap<>();
      if (guards.wantsMetadata()) {
        for (Map.Entry<String, SecretVersion> g : got.entrySet()) {
          if (g.getValue().metadata().isEmpty() && !listed.containsKey(g.getKey())) {
            String n = g.getKey();
            metadata.put(n, pool.submit(() -> source.metadata(n)));
          }
        }
      }
      long now = ticker.read();
      for (Map.Entry<String, SecretVersion> g : got.entrySet()) {
        if (!bases.contains(g.getKey())) {
          continue;
        }
        Optional<SecretMetadata> md = g.getValue().metadata();
        if (md.isEmpty() && listed.containsKey(g.getKey())) {
          md = Optional.of(listed.get(g.getKey()));
        }
        if (guards.wantsMetadata() && md.isEmpty()) {
          try {
            md = metadata.get(g.getKey()).get();
          } catch (java.util.concurrent.ExecutionException ex) {
            continue; // left for the one-by-one pass below, which reports the failure
          }
        }
        Entry e = entry(g.getKey());
        e.lock.lock();
        try {
          if (e.loaded == null) {
            guards.checkValue(environment, e.name, sourceId, g.getValue());
            guards.checkMetadata(environment, e.name, sourceId, md);
            warnIfOverdue(e.name, md);
            Loaded l = install(e, g.getValue(), now, null);
            audit(event(e.name, Outcome.LOADED, AccessContext.none(), l.current.versionId(), now - start, "preload")
                .fingerprint(l.fingerprint));
          }
        } catch (EnvironmentViolationException ex) {
          audit(event(e.name, Outcome.DENIED, AccessContext.none(), g.getValue().versionId(), now - start,
              ex.getMessage()));
          problems.put(e.name, ex.getMessage());
        } finally {
          e.lock.unlock();
        }
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new SecretUnavailableException("preload from " + sourceId + " was interrupted");
    } finally {
      pool.shutdownNow();
    }
    for (String base : bases) {
      Entry e = index.get(base);
      if ((e != null && e.loaded != null) || problems.containsKey(base)) {
        continue;
      }
      try {
        get(base);
      } catch (SecretException ex) {
        problems.put(base, ex.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder sb = new StringBuilder("preload from " + sourceId + " could not load " + problems.size()
          + " of " + bases.size() + " secrets:");
      problems.forEach((n, m) -> sb.append("\n  ").append(n).append(": ").append(m));
      throw new SecretUnavailableException(sb.toString());
    }
  }

  // ---------------------------------------------------------------- maintenance and background refresh

  /**
   * Runs the time-driven work once: staleness limits, due refreshes (handed to the refresh executor, batched),
   * the audit hit flush and the dropped-events report. Public for tests that drive time with a fake ticker.
   */
  public void runMaintenance() {
    if (closed || !maintenanceLock.tryLock()) {
      return;
    }
    try {
      long now = ticker.read();
      List<Entry> due = new ArrayList<>();
      List<Entry> soon = new ArrayList<>();
      long window = (long) (refreshAfterNanos * Math.max(s.refreshJitter, 0.0));
      for (Entry e : index.values()) {
        if (e.touched) {
          // report reads to the eviction policy in bulk, once per tick, instead of on every hit
          e.touched = false;
          cache.getIfPresent(e.name);
        }
        if (e.field != null || e.loaded == null) {
          continue;
        }
        if (!e.expired && e.failure != null && now - e.lastSuccessNanos > maxStaleNanos) {
          e.expired = true;
          LOG.warn("secret '{}' from {} is older than maxStale ({}) and the source still fails; reads now fail",
              e.name, sourceId, s.maxStale);
        }
        if (e.refreshing.get() || now < e.nextAttemptNanos) {
          continue;
        }
        if (now >= e.refreshDueNanos) {
          due.add(e);
        } else if (e.failure == null && e.refreshDueNanos - now <= window) {
          soon.add(e);
        }
      }
      if (!due.isEmpty()) {
        // coalesce: secrets due within the jitter window ride along in the same batch
        due.addAll(soon);
        List<Entry> claimed = new ArrayList<>(due.size());
        for (Entry e : due) {
          if (e.refreshing.compareAndSet(false, true)) {
            claimed.add(e);
          }
        }
        if (!claimed.isEmpty()) {
          try {
            refreshExecutor.execute(() -> refreshBatch(claimed));
          } catch (RuntimeException rejected) {
            claimed.forEach(e -> e.refreshing.set(false));
          }
        }
      }
      if (now - nextFlushNanos >= 0) {
        nextFlushNanos = now + s.auditFlushInterval.toNanos();
        flushHits();
      }
      audit.reportDropped();
    } finally {
      maintenanceLock.unlock();
    }
  }

  private void maintenanceSafely() {
    try {
      runMaintenance();
    } catch (Throwable t) {
      LOG.error("secrets4j maintenance failed; it runs again in {}", s.maintenanceInterval, t);
    }
  }

  private void refreshBatch(List<Entry> entries) {
    try {
      if (entries.size() == 1) {
        refreshOne(entries.get(0));
        return;
      }
      long start = ticker.read();
      Map<String, SecretVersion> got;
      try {
        List<String> names = new ArrayList<>(entries.size());
        entries.forEach(e -> names.add(e.name));
        got = source.fetchAll(names);
      } catch (SecretSourceException ex) {
        long now = ticker.read();
        for (Entry e : entries) {
          refreshFailed(e, ex, now, now - start);
        }
        return;
      } catch (RuntimeException ex) {
        long now = ticker.read();
        for (Entry e : entries) {
          refreshFailed(e, unexpected(e.name, ex), now, now - start);
        }
        return;
      }
      long now = ticker.read();
      for (Entry e : entries) {
        SecretVersion v = got.get(e.name);
        if (v != null) {
          refreshed(e, v, now, now - start);
        } else {
          refreshOne(e);
        }
      }
    } finally {
      entries.forEach(e -> e.refreshing.set(false));
    }
  }

  /** One secret's refresh: the cheap version check where the source has one, the payload only on change. */
  private void refreshOne(Entry e) {
    long start = ticker.read();
    try {
      Loaded l = e.loaded;
      Optional<String> id = source.currentVersionId(e.name);
      if (id.isPresent() && l != null && id.get().equals(l.current.versionId())) {
        long now = ticker.read();
        unchanged(e, l, now, now - start);
        return;
      }
      SecretVersion v = source.fetch(e.name, VersionSelector.CURRENT);
      long now = ticker.read();
      refreshed(e, v, now, now - start);
    } catch (SecretSourceException ex) {
      refreshFailed(e, ex, ticker.read(), ticker.read() - start);
    } catch (RuntimeException ex) {
      refreshFailed(e, unexpected(e.name, ex), ticker.read(), ticker.read() - start);
    }
  }

  private void unchanged(Entry e, Loaded l, long now, long nanos) {
    e.lastSuccessNanos = now;
    e.refreshDueNanos = now + jitteredRefresh();
    e.failure = null;
    e.failing = false;
    e.expired = false;
    audit(event(e.name, Outcome.REFRESHED, AccessContext.none(), l.current.versionId(), nanos, null)
        .fingerprint(l.fingerprint));
  }

  private void refreshed(Entry e, SecretVersion v, long now, long nanos) {
    Loaded prior = e.loaded;
    if (prior != null && prior.current.versionId().equals(v.versionId())) {
      unchanged(e, prior, now, nanos);
      return;
    }
    try {
      guards.checkValue(environment, e.name, sourceId, v);
    } catch (EnvironmentViolationException violation) {
      // keep serving the value that passed; say loudly that the store now holds one that does not
      LOG.error("refresh of secret '{}' refused: {}", e.name, violation.getMessage());
      audit(event(e.name, Outcome.DENIED, AccessContext.none(), v.versionId(), nanos, violation.getMessage()));
      e.refreshDueNanos = now + jitteredRefresh();
      return;
    }
    Loaded fresh;
    e.lock.lock();
    try {
      fresh = install(e, v, now, e.loaded);
    } finally {
      e.lock.unlock();
    }
    if (prior == null) {
      audit(event(e.name, Outcome.LOADED, AccessContext.none(), v.versionId(), nanos, null).fingerprint(fresh.fingerprint));
      return;
    }
    audit(event(e.name, Outcome.ROTATED, AccessContext.none(), v.versionId(), nanos,
        "previous version " + prior.current.versionId()).fingerprint(fresh.fingerprint));
    fireRotation(e.name, prior.current.versionId(), v.versionId());
  }

  private void refreshFailed(Entry e, SecretSourceException ex, long now, long nanos) {
    recordFailure(e, ex, now, e.loaded == null);
    LOG.warn("refresh of secret '{}' from {} failed ({}); serving the last good value: {}", e.name, sourceId,
        ex.kind(), ex.getMessage());
    Loaded l = e.loaded;
    audit(event(e.name, Outcome.STALE, AccessContext.none(), l == null ? null : l.current.versionId(), nanos,
        ex.kind() + ": " + ex.getMessage()));
  }

  private void fireRotation(String name, String oldId, String newId) {
    rotations.incrementAndGet();
    List<RotationListener> forName = listeners.getOrDefault(name, List.of());
    for (RotationListener listener : forName) {
      notifyListener(listener, name, oldId, newId);
    }
    for (RotationListener listener : globalListeners) {
      notifyListener(listener, name, oldId, newId);
    }
  }

  private static void notifyListener(RotationListener listener, String name, String oldId, String newId) {
    try {
      listener.onRotation(name, oldId, newId);
    } catch (RuntimeException ex) {
      LOG.warn("rotation listener {} failed for secret '{}': {}", listener.getClass().getName(), name,
          ex.getClass().getName());
    }
  }

  private void flushHits() {
    if (!aggregateHits) {
      return;
    }
    for (Entry e : index.values()) {
      flushCounts(e, e.hits, Outcome.HIT);
      flushCounts(e, e.staleHits, Outcome.STALE);
      flushCounts(e, e.previousHits, Outcome.HIT);
    }
  }

  private void flushCounts(Entry e, ConcurrentHashMap<AccessContext, HitCounter> counts, Outcome outcome) {
    if (counts.isEmpty()) {
      return;
    }
    Loaded l = e.owner.loaded;
    boolean previous = counts == e.previousHits;
    for (Map.Entry<AccessContext, HitCounter> c : counts.entrySet()) {
      long n = c.getValue().count.sumThenReset();
      if (n == 0) {
        // idle for a whole interval: drop it, so per-user contexts do not pile up
        c.getValue().retired = true;
        counts.remove(c.getKey(), c.getValue());
        continue;
      }
      if (previous) {
        Secret p = l == null ? null : l.previous;
        audit(event(e.name, outcome, c.getKey(), p == null ? null : p.versionId(), 0L, "previous version").count(n));
        continue;
      }
      audit(event(e.name, outcome, c.getKey(), l == null ? null : l.current.versionId(), 0L,
          c.getKey() == HitCounter.OVERFLOW ? HitCounter.OVERFLOW_DETAIL : null)
          .count(n).fingerprint(l == null ? null : l.fingerprint));
    }
  }

  // ---------------------------------------------------------------- audit helpers

  AuditEvent.Builder event(String name, Outcome outcome, AccessContext access, String versionId,
      long nanos, String detail) {
    return AuditEvent.builder()
        .time(clock.instant())
        .environment(environment.name())
        .secretName(name)
        .sourceId(sourceId)
        .outcome(outcome)
        .access(access)
        .versionId(versionId)
        .latency(Duration.ofNanos(Math.max(0, nanos)))
        .detail(detail);
  }

  /** For events whose delivery may deny the read (fail-closed). */
  private void emitOrDeny(AuditEvent.Builder b) {
    if (!audit.enabled()) {
      return;
    }
    AuditEvent event = b.build();
    try {
      audit.emit(event);
    } catch (AuditDispatcher.AuditFailure failure) {
      throw new SecretAccessDeniedException("read of secret '" + event.secretName()
          + "' denied: the audit hook failed and the resolver is fail-closed (" + failure.getMessage() + ")");
    }
  }

  /** For events that report something already decided (failures, refreshes): never throws. */
  void audit(AuditEvent.Builder b) {
    if (!audit.enabled()) {
      return;
    }
    try {
      audit.emit(b.build());
    } catch (AuditDispatcher.AuditFailure failure) {
      LOG.warn("{}", failure.getMessage());
    }
  }

  // ---------------------------------------------------------------- the rest of the interface

  @Override
  public void onRotation(String name, RotationListener listener) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(listener, "listener");
    listeners.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(listener);
  }

  @Override
  public void onRotation(RotationListener listener) {
    globalListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public Environment environment() {
    return environment;
  }

  @Override
  public EnvironmentDetection detection() {
    return s.detection;
  }

  @Override
  public SecretsStatus status() {
    return StatusSnapshot.of(index.values(), s.requiredNames, ticker.read(), clock.instant(), environment.name(),
        sourceId, rotations.get(), audit.droppedTotal());
  }

  @Override
  public String sourceId() {
    return sourceId;
  }

  /** The source this resolver reads from (for the validator and tools). */
  public SecretSource source() {
    return source;
  }

  public Guards guards() {
    return guards;
  }

  Ticker ticker() {
    return ticker;
  }

  OwnedSecrets owned() {
    return owned;
  }

  Entry indexed(String name) {
    return index.get(name);
  }

  public Clock clock() {
    return clock;
  }

  public dev.secrets4j.RotationPolicy rotationPolicy() {
    return s.rotationPolicy;
  }

  public dev.secrets4j.GuardMode overdueRotationMode() {
    return s.overdueRotation;
  }

  @Override
  public ValidationReport validate(Manifest manifest) {
    return Validator.validate(this, manifest);
  }

  /** Events dropped so far because the audit queue was full and not yet reported. */
  public long droppedAuditEvents() {
    return audit.droppedSoFar();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this Secrets resolver is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    flushHits();
    closed = true;
    if (maintenanceThread != null) {
      maintenanceThread.shutdownNow();
    }
    if (ownedRefreshExecutor != null) {
      ownedRefreshExecutor.shutdownNow();
    }
    audit.close(2000);
    owned.close();
    cache.invalidateAll();
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

  static {
    // touch: the shared-secret factory must exist before the first load
    Objects.requireNonNull(SharedSecrets.secrets());
    Objects.requireNonNull(StandardCharsets.UTF_8);
  }
}
