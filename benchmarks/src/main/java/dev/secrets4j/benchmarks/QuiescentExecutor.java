package dev.secrets4j.benchmarks;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-thread executor that can be waited on until nothing it was given is queued or running, so that a
 * simulated clock moves on only once the work due at the current instant is done.
 */
final class QuiescentExecutor implements Executor, AutoCloseable {
  private final ExecutorService delegate = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "bench-refresh");
    t.setDaemon(true);
    return t;
  });
  private final Object lock = new Object();
  private int pending;
  private long executed;

  @Override
  public void execute(Runnable command) {
    synchronized (lock) {
      pending++;
      executed++;
    }
    try {
      delegate.execute(() -> {
        try {
          command.run();
        } finally {
          synchronized (lock) {
            if (--pending == 0) {
              lock.notifyAll();
            }
          }
        }
      });
    } catch (RuntimeException e) {
      synchronized (lock) {
        pending--;
        lock.notifyAll();
      }
      throw e;
    }
  }

  /** Waits until every task given so far has finished. */
  void awaitIdle(Duration max) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (lock) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException(pending + " tasks still pending after " + max);
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  /** How many tasks were handed to this executor. */
  long executed() {
    synchronized (lock) {
      return executed;
    }
  }

  @Override
  public void close() {
    delegate.shutdownNow();
  }
}
