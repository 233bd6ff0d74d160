package dev.secrets4j.microprofile;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as {@code secrets4j.properties} writes them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 90d} or ISO-8601. */
final class DurationText {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private DurationText() {}

  /** The duration {@code text} writes, or null when it is not one. */
  static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return null;
      }
      switch (m.group(2)) {
        case "ms": return Duration.ofMillis(n);
        case "s": return Duration.ofSeconds(n);
        case "m": return Duration.ofMinutes(n);
        case "h": return Duration.ofHours(n);
        default: return Duration.ofDays(n);
      }
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
