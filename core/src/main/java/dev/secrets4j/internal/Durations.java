package dev.secrets4j.internal;

import dev.secrets4j.spi.SourceUri;
import java.time.Duration;

/**
 * The duration grammar, kept here for providers written before it became SPI: use
 * {@link SourceUri#parseDuration(String)} or {@link SourceUri#durationParam}. Not API.
 */
public final class Durations {
  private Durations() {}

  /** The duration {@code text} writes, or null when it is not one ({@link SourceUri#parseDuration(String)}). */
  public static Duration parse(String text) {
    return SourceUri.parseDuration(text).orElse(null);
  }
}
