package dev.secrets4j.hikari;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A steady query load on a pool: a few threads each borrowing a connection, running {@code SELECT 1} and returning
 * it, bounded in count and in time, stopping by itself at either bound or when told. Records every failed query.
 */
final class QueryLoad implements AutoCloseable {
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong queries = new AtomicLong();
  private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean stop = new AtomicBoolean();

  QueryLoad(DataSource pool, int threadCount, long maxQueries, Duration maxTime) {
    long deadline = System.nanoTime() + maxTime.toNanos();
    for (int i = 0; i < threadCount; i++) {
      Thread t = new Thread(() -> {
        while (!stop.get() && queries.get() < maxQueries && System.nanoTime() < deadline) {
          try (Connection c = pool.getConnection(); Statement s = c.createStatement();
              ResultSet r = s.executeQuery("SELECT 1")) {
            r.next();
            queries.incrementAndGet();
          } catch (Exception e) {
            failures.add(e);
          }
        }
      }, "query-load-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
  }

  QueryLoad start() {
    threads.forEach(Thread::start);
    return this;
  }

  long queries() {
    return queries.get();
  }

  List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /** Waits (bounded) until {@code n} more queries have succeeded, so that each step runs under load. */
  void awaitMore(long n, Duration max) throws InterruptedException {
    long target = queries.get() + n;
    long deadline = System.nanoTime() + max.toNanos();
    while (queries.get() < target && System.nanoTime() < deadline && failures.isEmpty()) {
      Thread.sleep(5); // polls a condition; the bound is the deadline
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) {
      t.join(30_000);
    }
  }
}
