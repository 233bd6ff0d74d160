package dev.secrets4j.test;

import dev.secrets4j.Secrets.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker and a clock that move only when a test says so. */
public final class FakeTicker implements Ticker {
  private static final Instant EPOCH = Instant.parse("2026-11-28T12:00:00Z");
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long read() {
    return nanos.get();
  }

  public FakeTicker advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    return this;
  }

  /** A clock that moves with this ticker, starting at 2026-11-28T12:00:00Z. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return EPOCH.plusNanos(nanos.get() - 1_000_000_000L);
      }
    };
  }
}
