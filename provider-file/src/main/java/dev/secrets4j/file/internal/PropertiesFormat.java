package dev.secrets4j.file.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Java {@code .properties} files, read with {@link Properties#load(java.io.Reader)} (standard syntax: {@code =},
 * {@code :} or blank separators, {@code #} and {@code !} comments, backslash continuations and escapes), from
 * strict UTF-8 rather than ISO-8859-1. Unlike {@link Properties}, a key defined twice is an error, not "last wins".
 */
final class PropertiesFormat {
  private PropertiesFormat() {}

  static Map<String, String> parse(String text) throws MalformedContentException {
    Collecting p = new Collecting();
    try {
      p.load(new StringReader(text));
    } catch (IllegalArgumentException e) {
      // Properties' only content error: "Malformed \\uxxxx encoding." (its message holds no value)
      throw new MalformedContentException("malformed \\uXXXX escape (a backslash-u must be followed by four hex digits)");
    } catch (IOException e) {
      throw new IllegalStateException("reading from a string failed", e);
    }
    if (p.duplicate != null) {
      throw new MalformedContentException("key " + Text.showKey(p.duplicate, "(not shown)")
          + " is defined more than once; keep one of them");
    }
    return p.entries;
  }

  /** Collects entries in file order and remembers the first duplicate key. */
  @SuppressWarnings("serial")
  private static final class Collecting extends Properties {
    final Map<String, String> entries = new LinkedHashMap<>();
    String duplicate;

    @Override
    public synchronized Object put(Object key, Object value) {
      String k = (String) key;
      if (entries.put(k, (String) value) != null && duplicate == null) {
        duplicate = k;
      }
      return null;
    }
  }
}
