package dev.secrets4j.internal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Guard warnings go to SLF4J. Without an SLF4J provider on the class path SLF4J discards them, so the first one
 * is also written to standard error, once per process, with a line saying how to see the rest.
 */
public final class SecurityWarnings {
  private static final AtomicBoolean TOLD = new AtomicBoolean();
  static volatile BooleanSupplier discarded = () -> LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory;
  static volatile PrintStream stderr = System.err;

  private SecurityWarnings() {}

  /** Logs {@code message} (never a secret value) as a warning, and tells standard error once if it is lost. */
  public static void warn(Logger log, String message) {
    log.warn("{}", message);
    if (discarded.getAsBoolean() && TOLD.compareAndSet(false, true)) {
      stderr.println("secrets4j: no SLF4J provider is on the class path, so guard warnings and the audit log are"
          + " discarded; add one (for example org.slf4j:slf4j-simple). First warning: " + message);
    }
  }

  /** For tests: forget that standard error was told. */
  static void reset() {
    TOLD.set(false);
  }
}
