package dev.secrets4j;

import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code preload(names)}: batches of {@value #BATCH} names read at once, with the guards' metadata (one bulk listing
 * where the store has it, else one call per secret, at once too), on up to {@value #PARALLELISM} threads of the
 * call's own, gone when it returns. Not on the refresh executor: that one is often a direct or single-thread
 * executor (tests make it so for determinism), which would serialise the calls a cold start needs at once. What a
 * batch could not load is read one by one through the ordinary read, with the caller's access context, unless the
 * bulk call failed transiently (that would multiply the load on a store that is down or throttling). After a tag
 * listing failed transiently, the next preload lists first and reads values only once the listing answered.
 */
final class Preloader {
  private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);

  /** Threads one preload may use for batches and metadata reads at once, without a configured executor. */
  private static final int PARALLELISM = 32;
  /** Names per batch read in a preload (AWS takes 20 per BatchGetSecretValue). */
  private static final int BATCH = 20;

  private final Resolver resolver;
  private final ResolverSettings s;
  private final Environment environment;
  private final SecretSource source;
  private final String sourceId;
  private final Guards guards;
  private final EntryIndex index;
  private final AuditTrail audit;
  private final Installer installer;
  /** Set while this resolver's last tag listing failed transiently: a preload then lists before it reads values. */
  private volatile boolean listFirst;

  Preloader(Resolver resolver, ResolverSettings s, EntryIndex index, AuditTrail audit, Installer installer) {
    this.resolver = resolver;
    this.s = s;
    this.environment = s.detection.environment();
    this.source = s.source;
    this.sourceId = s.source.id();
    this.guards = s.guards;
    this.index = index;
    this.audit = audit;
    this.installer = installer;
  }

  /**
   * Loads every secret of {@code names} not loaded yet.
   *
   * @throws SecretUnavailableException naming every secret that could not be loaded
   */
  void preload(Collection<String> names, AccessContext access) {
    LinkedHashSet<String> bases = new LinkedHashSet<>();
    for (String n : names) {
      SecretNames.check(n);
      String base = SecretNames.base(n);
      Entry e = index.get(base);
      if (e == null || e.loaded == null) {
        bases.add(base);
      }
    }
    if (bases.isEmpty()) {
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(PARALLELISM, bases.size()), new DaemonThreads("secrets4j-preload"));
    Map<String, String> problems = new LinkedHashMap<>();
    try {
      batches(bases, access, pool, problems);
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
        resolver.get(base, access);
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

  private void batches(Set<String> bases, AccessContext access, Executor pool, Map<String, String> problems)
      throws InterruptedException {
    long start = s.ticker.read();
    List<String> all = List.copyOf(bases);
    // metadata for the guards in bulk where the store can (one listing), beside the value batches
    Future<Map<String, SecretMetadata>> bulk =
        guards.wantsMetadata() && all.size() > 1 ? submit(pool, () -> source.metadataAll(all)) : null;
    if (bulk != null && listFirst) {
      // the last listing failed transiently: values read before this one answers might be read for nothing again
      try {
        bulk.get();
      } catch (ExecutionException ex) {
        if (isTransient(ex)) {
          for (String n : all) {
            problems.put(n, notMultiplied("listing the tags the guards check", ex));
          }
          return;
        }
      }
    }
    // values: batches of BATCH names, read at once
    List<Future<Map<String, SecretVersion>>> batches = new ArrayList<>();
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += BATCH) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + BATCH));
      chunks.add(chunk);
      batches.add(submit(pool, () -> source.fetchAll(chunk)));
    }
    Map<String, SecretVersion> got = new LinkedHashMap<>();
    for (int i = 0; i < batches.size(); i++) {
      try {
        got.putAll(batches.get(i).get());
      } catch (ExecutionException ex) {
        if (isTransient(ex)) {
          // the store is down or throttling: one call per secret would multiply the load on it
          for (String n : chunks.get(i)) {
            problems.put(n, notMultiplied("the batch read", ex));
          }
        } else {
          LOG.debug("batch preload from {} failed ({}); loading one by one", sourceId,
              ex.getCause().getClass().getSimpleName());
        }
      }
    }
    // metadata for the guards, where the store did not send it with the value: read at once too
    Map<String, SecretMetadata> listed = Map.of();
    ExecutionException listingFailure = null;
    if (bulk != null) {
      try {
        listed = bulk.get();
        listFirst = false;
      } catch (ExecutionException ex) {
        if (isTransient(ex)) {
          listingFailure = ex;
          listFirst = true;
        } else {
          LOG.debug("bulk metadata from {} failed ({}); reading it one by one", sourceId,
              ex.getCause().getClass().getSimpleName());
        }
      }
    }
    Map<String, Future<Optional<SecretMetadata>>> metadata = new LinkedHashMap<>();
    if (guards.wantsMetadata()) {
      for (Map.Entry<String, SecretVersion> g : got.entrySet()) {
        if (g.getValue().metadata().isPresent() || listed.containsKey(g.getKey())) {
          continue;
        }
        String n = g.getKey();
        if (listingFailure != null) {
          // its tags are needed before its value is served; read one by one they would multiply the load too
          problems.put(n, notMultiplied("listing the tags the guards check", listingFailure));
        } else {
          metadata.put(n, submit(pool, () -> source.metadata(n)));
        }
      }
    }
    long now = s.ticker.read();
    for (Map.Entry<String, SecretVersion> g : got.entrySet()) {
      if (!bases.contains(g.getKey()) || problems.containsKey(g.getKey())) {
        continue;
      }
      Optional<SecretMetadata> md = g.getValue().metadata();
      if (md.isEmpty() && listed.containsKey(g.getKey())) {
        md = Optional.of(listed.get(g.getKey()));
      }
      if (guards.wantsMetadata() && md.isEmpty()) {
        try {
          md = metadata.get(g.getKey()).get();
        } catch (ExecutionException ex) {
          continue; // left for the one-by-one pass, which reports the failure
        }
      }
      install(index.entry(g.getKey()), g.getValue(), md, access, now, start, problems);
    }
  }

  private void install(Entry e, SecretVersion v, Optional<SecretMetadata> md, AccessContext access, long now,
      long start, Map<String, String> problems) {
    e.lock.lock();
    try {
      if (e.loaded == null) {
        guards.checkValue(environment, e.name, sourceId, v);
        guards.checkMetadata(environment, e.name, sourceId, md);
        installer.warnIfOverdue(e.name, md);
        Loaded l = installer.install(e, v, now, null);
        audit.record(audit.event(e.name, Outcome.LOADED, access, l.current.versionId(), now - start,
            AuditTrail.withOrigin("preload", v))
            .fingerprint(l.fingerprint));
      }
    } catch (EnvironmentViolationException ex) {
      audit.record(audit.event(e.name, Outcome.DENIED, access, v.versionId(), now - start, ex.getMessage()));
      problems.put(e.name, ex.getMessage());
    } finally {
      e.lock.unlock();
    }
  }

  private static boolean isTransient(ExecutionException ex) {
    return ex.getCause() instanceof SecretSourceException sse && sse.kind() == SecretSourceException.Kind.TRANSIENT;
  }

  /** Why a secret was left out after a bulk call's transient failure, naming the failure and what to do. */
  private static String notMultiplied(String call, ExecutionException ex) {
    return call + " failed transiently (" + ex.getCause().getMessage() + "); not retried one secret at a time, "
        + "which would multiply the load on a store that is down or throttling: preload again after a back-off, "
        + "or let reads load it";
  }

  /** A store call of the source, run on {@code pool}. */
  private interface StoreCall<T> {
    T call() throws SecretSourceException;
  }

  private static <T> Future<T> submit(Executor pool, StoreCall<T> call) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return call.call();
      } catch (SecretSourceException ex) {
        throw new CompletionException(ex);
      }
    }, pool);
  }
}
