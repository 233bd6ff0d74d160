package dev.secrets4j;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code name-1}, {@code name-2}, ...: a resolver's threads never keep a JVM alive. */
final class DaemonThreads implements ThreadFactory {
  private final String name;
  private final AtomicInteger count = new AtomicInteger();

  DaemonThreads(String name) {
    this.name = name;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, name + "-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
