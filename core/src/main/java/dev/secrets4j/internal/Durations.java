package dev.secrets4j.internal;

import dev.secrets4j.spi.SourceUri;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's one duration grammar, whose API is {@link SourceUri#parseDuration(String)} (and
 * {@link SourceUri#durationParam}); {@link #parse} is kept for providers written before it became SPI. A class of
 * its own so that its pattern is compiled when a duration is first parsed, not when the first URI is. Not API.
 */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

  private Durations() {}

  /** The duration {@code text} writes, or null when it is not one ({@link SourceUri#parseDuration(String)}). */
  public static Duration parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
