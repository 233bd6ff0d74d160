package dev.secrets4j;

import java.time.Duration;
import java.util.Objects;

/** The builders' checks of their arguments, with messages that name the setting. */
final class BuilderChecks {
  private BuilderChecks() {}

  static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  static void requireUnset(Object current, String what) {
    if (current != null) {
      throw new IllegalStateException(what + " was already set to "
          + (current instanceof byte[] ? "a key" : current));
    }
  }

  static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d;
  }

  static Duration nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + d);
    }
    return d;
  }
}
