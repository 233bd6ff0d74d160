package dev.secrets4j;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A cold read's metadata call, made beside the value call for a source that {@linkplain
 * SecretSource#readsMetadataSeparately() reads metadata separately}, so that the read costs one round trip. Up to
 * four calls run on daemon threads created on first use and gone after 30 s idle; beyond that the caller runs the
 * call itself (as if there were no prefetch), so a burst can never deadlock or queue without bound.
 */
final class MetadataPrefetch {
  private static final int THREADS = 4;

  private final SecretSource source;
  private final boolean enabled;
  private volatile ThreadPoolExecutor pool;

  MetadataPrefetch(SecretSource source, boolean guardsWantMetadata) {
    this.source = source;
    this.enabled = guardsWantMetadata && source.readsMetadataSeparately();
  }

  /** Starts the metadata call of {@code name} if this source and these guards want it; else null. */
  CompletableFuture<Optional<SecretMetadata>> start(String name) {
    if (!enabled) {
      return null;
    }
    return CompletableFuture.supplyAsync(new MetadataCall(source, name), pool());
  }

  /** The result of {@link #start}, with the store's failure as it was thrown. */
  static Optional<SecretMetadata> join(CompletableFuture<Optional<SecretMetadata>> call)
      throws SecretSourceException {
    try {
      return call.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SecretSourceException store) {
        throw store;
      }
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw e;
    }
  }

  private ThreadPoolExecutor pool() {
    ThreadPoolExecutor p = pool;
    if (p == null) {
      synchronized (this) {
        p = pool;
        if (p == null) {
          p = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
              new DaemonThreads("secrets4j-metadata"), new ThreadPoolExecutor.CallerRunsPolicy());
          pool = p;
        }
      }
    }
    return p;
  }

  /** Stops the threads, if any were started. */
  void close() {
    ThreadPoolExecutor p = pool;
    if (p != null) {
      p.shutdownNow();
    }
  }

  /** The metadata call, its store failure carried in a {@link CompletionException}. */
  private static final class MetadataCall implements Supplier<Optional<SecretMetadata>> {
    private final SecretSource source;
    private final String name;

    MetadataCall(SecretSource source, String name) {
      this.source = source;
      this.name = name;
    }

    @Override
    public Optional<SecretMetadata> get() {
      try {
        return source.metadata(name);
      } catch (SecretSourceException e) {
        throw new CompletionException(e);
      }
    }
  }
}
