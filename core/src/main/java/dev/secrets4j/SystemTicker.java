package dev.secrets4j;

/** {@link System#nanoTime()}, the default {@link Secrets.Ticker} (a named class: no lambda to spin at start-up). */
enum SystemTicker implements Secrets.Ticker {
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }
}
