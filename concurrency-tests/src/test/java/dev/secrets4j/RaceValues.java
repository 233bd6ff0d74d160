package dev.secrets4j;

/**
 * Values the jcstress tests can check for tearing: version {@code n} of a secret is one letter repeated, so a value
 * read whole names its version, and a value mixed from two versions, or partly zeroed, names none.
 */
final class RaceValues {
  static final int LENGTH = 64;

  private RaceValues() {}

  /** The value of version {@code n} (1 to 9): {@code "aaaa…"} for 1, {@code "bbbb…"} for 2. */
  static String value(int n) {
    return String.valueOf((char) ('a' + n - 1)).repeat(LENGTH);
  }

  /** The JSON value of version {@code n}, whose {@code password} field is {@link #value(int)}. */
  static String json(int n) {
    return "{\"user\":\"app\",\"password\":\"" + value(n) + "\"}";
  }

  /** The version number a value read whole names; -1 for a torn, zeroed or foreign one. */
  static int versionOf(String value) {
    if (value.length() != LENGTH) {
      return -1;
    }
    char c = value.charAt(0);
    for (int i = 1; i < LENGTH; i++) {
      if (value.charAt(i) != c) {
        return -1;
      }
    }
    return c >= 'a' && c <= 'i' ? c - 'a' + 1 : -1;
  }

  /** The number of a version id {@code v3}; -1 for anything else. */
  static int versionOfId(String versionId) {
    return versionId.length() == 2 && versionId.charAt(0) == 'v' ? versionId.charAt(1) - '0' : -1;
  }

  /** A store holding version 1 of {@code name} (plain) and of {@code name + "-json"}. */
  static MemoryStore store(String name) {
    MemoryStore store = new MemoryStore();
    store.put(name, value(1));
    store.put(name + "-json", json(1));
    return store;
  }
}
