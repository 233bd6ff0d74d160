package dev.secrets4j.test;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A secret store in memory, for tests: versions (each {@link #put} makes a new current one,
 * the old one becomes previous), metadata, and outages on demand ({@link #failWith}). Thread-safe.
 * Reachable from configuration as {@code memory:NAME} through {@link #named(String)}.
 */
public final class InMemorySecretSource implements SecretSource {
  private static final Map<String, InMemorySecretSource> NAMED = new ConcurrentHashMap<>();

  private final String id;
  private final Map<String, List<SecretVersion>> versions = new ConcurrentHashMap<>();
  private final Map<String, SecretMetadata> metadata = new ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicLong fetches = new AtomicLong();
  private final AtomicLong batchFetches = new AtomicLong();
  private volatile SecretSourceException.Kind failure;

  private InMemorySecretSource(String id) {
    this.id = id;
  }

  /** A new, empty, unregistered store. */
  public static InMemorySecretSource create() {
    return new InMemorySecretSource("memory:anonymous");
  }

  /**
   * The store registered under {@code name} (created empty on first use); {@code memory:NAME} reads it. The
   * registry lives until {@link Secrets4jTest}'s end of test (or {@link #forgetNamed()}), so named stores never
   * carry values from one test into the next.
   *
   * @throws NullPointerException if {@code name} is null
   */
  public static InMemorySecretSource named(String name) {
    Objects.requireNonNull(name, "name");
    return NAMED.computeIfAbsent(name, n -> new InMemorySecretSource("memory:" + n));
  }

  /** Forgets every store registered by {@link #named(String)}; the next call for a name creates it empty. */
  public static void forgetNamed() {
    NAMED.clear();
  }

  /** Makes {@code value} the current version of {@code name}; returns its new version id. */
  public String put(String name, String value) {
    return put(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Makes {@code value} the current version of {@code name}; returns its new version id. */
  public String put(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    String versionId = "v" + sequence.incrementAndGet();
    versions.compute(name, (k, list) -> {
      List<SecretVersion> out = list == null ? new ArrayList<>() : new ArrayList<>(list);
      out.add(SecretVersion.of(versionId, value));
      return List.copyOf(out);
    });
    return versionId;
  }

  /** Sets what {@link #metadata(String)} returns for {@code name}. */
  public InMemorySecretSource metadata(String name, SecretMetadata m) {
    metadata.put(name, m);
    return this;
  }

  /** Disables one version of {@code name} (as a store does with a leaked key): it is no longer served. */
  public void disable(String name, String versionId) {
    versions.computeIfPresent(name, (k, list) -> {
      List<SecretVersion> out = new ArrayList<>(list);
      out.removeIf(v -> v.versionId().equals(versionId));
      return List.copyOf(out);
    });
  }

  /** Removes {@code name} and all its versions. */
  public void delete(String name) {
    versions.remove(name);
    metadata.remove(name);
  }

  /** Every call fails with {@code kind} until {@link #recover()}. */
  public void failWith(SecretSourceException.Kind kind) {
    this.failure = Objects.requireNonNull(kind, "kind");
  }

  /** Ends an outage started by {@link #failWith}. */
  public void recover() {
    this.failure = null;
  }

  /** How many single fetches were made (each one store call). */
  public long fetchCount() {
    return fetches.get();
  }

  /** How many batch fetches were made. */
  public long batchFetchCount() {
    return batchFetches.get();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    fetches.incrementAndGet();
    return lookup(name, selector);
  }

  private SecretVersion lookup(String name, VersionSelector selector) throws SecretSourceException {
    SecretSourceException.Kind f = failure;
    if (f != null) {
      throw new SecretSourceException(f, "reading secret '" + name + "' from " + id + " failed: simulated " + f);
    }
    List<SecretVersion> list = versions.get(name);
    if (list == null || list.isEmpty()) {
      throw SecretSourceException.notFound(name, id);
    }
    switch (selector.kind()) {
      case CURRENT:
        return list.get(list.size() - 1).withStage(SecretVersion.Stage.CURRENT);
      case PREVIOUS:
        if (list.size() < 2) {
          throw new SecretSourceException(SecretSourceException.Kind.NOT_FOUND,
              "secret '" + name + "' has no previous version in " + id);
        }
        return list.get(list.size() - 2).withStage(SecretVersion.Stage.PREVIOUS);
      default:
        for (SecretVersion v : list) {
          if (v.versionId().equals(selector.versionId())) {
            return v.withStage(SecretVersion.Stage.OTHER);
          }
        }
        throw new SecretSourceException(SecretSourceException.Kind.NOT_FOUND,
            "secret '" + name + "' has no " + selector + " in " + id);
    }
  }

  @Override
  public Map<String, SecretVersion> fetchAll(java.util.Collection<String> names) throws SecretSourceException {
    batchFetches.incrementAndGet();
    SecretSourceException.Kind f = failure;
    if (f != null) {
      throw new SecretSourceException(f, "batch read of " + names.size() + " secrets from " + id
          + " failed: simulated " + f);
    }
    Map<String, SecretVersion> out = new java.util.LinkedHashMap<>();
    for (String n : names) {
      try {
        out.put(n, lookup(n, VersionSelector.CURRENT));
      } catch (SecretSourceException e) {
        // left out: fetched alone by the resolver
      }
    }
    return out;
  }

  @Override
  public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    SecretSourceException.Kind f = failure;
    if (f != null) {
      throw new SecretSourceException(f, "reading metadata of '" + name + "' from " + id + " failed: simulated " + f);
    }
    return Optional.ofNullable(metadata.get(name));
  }

  /** An in-memory store keeps every version. */
  @Override
  public boolean keepsVersionHistory() {
    return true;
  }

  @Override
  public String toString() {
    return "InMemorySecretSource[" + id + ", " + versions.size() + " secrets]";
  }
}
