package dev.secrets4j;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The resolver's own refresh threads (two daemon threads), made by the first refresh rather than by
 * {@code build()}: a process that reads its secrets and exits never starts them. Used when the builder was given no
 * executor.
 */
final class RefreshPool implements Executor {
  private static final int THREADS = 2;

  private ExecutorService pool;
  private boolean shutDown;

  /** @throws RejectedExecutionException once shut down */
  @Override
  public synchronized void execute(Runnable task) {
    if (shutDown) {
      throw new RejectedExecutionException("the resolver is closed");
    }
    if (pool == null) {
      pool = Executors.newFixedThreadPool(THREADS, new DaemonThreads("secrets4j-refresh"));
    }
    pool.execute(task);
  }

  /** Stops the threads, if any were made; later tasks are refused. */
  synchronized void shutdownNow() {
    shutDown = true;
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
