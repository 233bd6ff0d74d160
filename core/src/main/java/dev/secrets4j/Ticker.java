package dev.secrets4j;

/**
 * A source of nanosecond time for refresh, staleness and backoff decisions. Inject a fake one in tests so
 * they never sleep; the default is {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {
  /** Nanoseconds from an arbitrary origin; only differences matter. */
  long read();

  /** The system ticker. */
  static Ticker system() {
    return System::nanoTime;
  }
}
