package dev.secrets4j.file.internal;

/**
 * Characters that look like a blank (or like nothing) but are not a space or a tab: a non-breaking space copied from
 * a web page, a vertical tab, a form feed, NEL, the Unicode spaces and the zero-width characters. Dotenv tools
 * disagree on whether they are blanks, so outside quotes a dotenv file that holds one is refused.
 */
final class UnusualBlanks {
  private UnusualBlanks() {}

  /** True when {@code c} is a blank or invisible character other than space, tab and LF. */
  static boolean is(char c) {
    if (c == ' ' || c == '\t' || c == '\n') {
      return false;
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085' || c == '\u200B'
        || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u180E';
  }

  /** How a message names {@code c}: {@code a non-breaking space (U+00A0)}. */
  static String describe(char c) {
    String code = String.format("U+%04X", (int) c);
    switch (c) {
      case '\u00A0': return "a non-breaking space (" + code + ")";
      case '\u000B': return "a vertical tab (" + code + ")";
      case '\u000C': return "a form feed (" + code + ")";
      case '\u0085': return "a next-line character, NEL (" + code + ")";
      case '\uFEFF': return "a zero-width no-break space or byte order mark (" + code + ")";
      case '\u200B': return "a zero-width space (" + code + ")";
      default: return "a Unicode blank (" + code + ")";
    }
  }
}
