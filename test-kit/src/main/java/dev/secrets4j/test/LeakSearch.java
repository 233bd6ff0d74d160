package dev.secrets4j.test;

import java.util.ArrayList;
import java.util.List;

/** Looks for one value in texts and throwables, and fails naming where it was found but never the value. */
final class LeakSearch {
  private final String value;
  private final List<String> foundIn = new ArrayList<>();

  LeakSearch(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the value to look for must not be empty");
    }
    this.value = value;
  }

  void in(String where, String text) {
    if (text != null && text.contains(value)) {
      foundIn.add(where);
    }
  }

  void in(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      in("a thrown " + t.getClass().getName(), t.getMessage());
      in("a thrown " + t.getClass().getName() + "'s toString", t.toString());
      for (Throwable s : t.getSuppressed()) {
        in(s);
      }
    }
  }

  void failIfFound() {
    if (!foundIn.isEmpty()) {
      throw new AssertionError("a secret value (" + value.length() + " characters) leaked into: "
          + String.join("; ", foundIn));
    }
  }
}
