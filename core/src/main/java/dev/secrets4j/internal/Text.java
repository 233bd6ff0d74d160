package dev.secrets4j.internal;

/**
 * Text that reaches a log line: secret names and access contexts are refused when they hold characters that
 * could break or disguise a line, and audit fields are written so that one event is always one line.
 */
public final class Text {
  private Text() {}

  /**
   * The index of the first character a name or access context must not hold, or -1: control characters
   * (Unicode Cc, which includes CR, LF, TAB and NUL), line and paragraph separators (Zl, Zp), and format
   * characters (Cf, which includes the bidirectional overrides that reorder how a line is displayed).
   */
  public static int firstUnsafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      int type = Character.getType(s.charAt(i));
      if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Refuses {@code s} when it holds an unsafe character, naming {@code what}, the position and the code point,
   * never the text itself.
   *
   * @throws IllegalArgumentException when {@code s} holds a character {@link #firstUnsafe} reports
   */
  public static String requireSafe(String s, String what) {
    int i = firstUnsafe(s);
    if (i >= 0) {
      throw new IllegalArgumentException(what + " has a control or format character (U+"
          + String.format("%04X", (int) s.charAt(i)) + ") at index " + i
          + "; names, principals and purposes must be printable text");
    }
    return s;
  }

  /**
   * Appends {@code value} as one logfmt value: bare when it is printable ASCII without space, quote or
   * backslash; else in double quotes, with {@code \" \\ \n \r \t} escaped and every other character outside
   * printable ASCII written as {@code \}{@code uXXXX}. The result never holds a line break.
   */
  public static StringBuilder appendValue(StringBuilder sb, String value, boolean alwaysQuote) {
    if (!alwaysQuote && isBare(value)) {
      return sb.append(value);
    }
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c >= 0x20 && c <= 0x7e) {
            sb.append(c);
          } else {
            sb.append("\\u").append(String.format("%04x", (int) c));
          }
        }
      }
    }
    return sb.append('"');
  }

  private static boolean isBare(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
