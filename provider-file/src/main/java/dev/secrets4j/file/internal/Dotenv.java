package dev.secrets4j.file.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The dotenv format, parsed strictly (the rules are {@link DotenvParser}'s), and written back
 * ({@link #line}, {@link #quote}) so that the parser reads a written value exactly.
 *
 * <p>Where dotenv tools disagree on what a line means (backticks, Unicode blanks, {@code $} expansion, a quoted value
 * that swallows later {@code KEY=VALUE} lines), the file is refused with the line and the construct, never read
 * as a different value. No message shows file text: a broken line can make value text look like a key.
 */
final class Dotenv {
  static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
  private static final Pattern SIMPLE_VALUE = Pattern.compile("[A-Za-z0-9_./:@+,%^~=\\-]+");
  static final String KEY_RULE = "a key starts with a letter or '_' and has only letters, digits, '_', '.' and '-'";

  /** One {@code KEY=VALUE} entry: its key, value and the lines it spans (1-based, in the whole file). */
  static final class Entry {
    final String key;
    final String value;
    final int line;
    final int lastLine;
    final boolean exported;

    Entry(String key, String value, int line, int lastLine, boolean exported) {
      this.key = key;
      this.value = value;
      this.line = line;
      this.lastLine = lastLine;
      this.exported = exported;
    }

    @Override
    public String toString() {
      return "Entry[" + key + " line " + line + "]";
    }
  }

  private Dotenv() {}

  /** Parses {@code text} (LF line ends, no BOM) whose first line is line 1. */
  static List<Entry> parse(String text) throws MalformedContentException {
    return parse(text, 1);
  }

  /** Parses {@code text} (LF line ends, no BOM) whose first line is line {@code firstLine} of its file. */
  static List<Entry> parse(String text, int firstLine) throws MalformedContentException {
    return new DotenvParser(text, firstLine).parse();
  }

  /** The entries as a map, key to value, in file order. */
  static Map<String, String> toMap(List<Entry> entries) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Entry e : entries) {
      out.put(e.key, e.value);
    }
    return out;
  }

  /**
   * The key to read for a secret name: the name itself if the file has it, else its environment-variable
   * form ({@code stripe-api-key} to {@code STRIPE_API_KEY}), as the {@code env:} source maps names.
   */
  static String keyFor(Map<String, ?> keys, String name) {
    if (keys.containsKey(name)) {
      return name;
    }
    String var = variableForm(name);
    return keys.containsKey(var) ? var : null;
  }

  /** {@code stripe-api-key} to {@code STRIPE_API_KEY}: upper case, every character but letters and digits to {@code _}. */
  static String variableForm(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      sb.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }

  /** {@code KEY=VALUE} with the value quoted so that {@link #parse} reads it back exactly. */
  static String line(String key, String value) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("'" + Text.showName(key) + "' is not a valid dotenv key: " + KEY_RULE);
    }
    return key + "=" + quote(value);
  }

  /**
   * The value as dotenv text: bare when it is simple, single-quoted when it has no {@code '} and no CR,
   * double-quoted with escapes otherwise.
   *
   * @throws IllegalArgumentException when the value holds a NUL character, which a dotenv file cannot hold
   */
  static String quote(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("the value holds a NUL character, which a dotenv file cannot hold");
    }
    if (value.isEmpty()) {
      return "\"\"";
    }
    if (SIMPLE_VALUE.matcher(value).matches()) {
      return value;
    }
    if (value.indexOf('\'') < 0 && value.indexOf('\r') < 0 && !holdsAssignmentLine(value)) {
      return "'" + value + "'";
    }
    StringBuilder sb = new StringBuilder(value.length() + 8).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\': sb.append("\\\\"); break;
        case '"': sb.append("\\\""); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        case '$': sb.append("\\$"); break;
        default: sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** True when a line after the first of {@code value} reads as {@code KEY=VALUE}: the parser refuses it in quotes. */
  private static boolean holdsAssignmentLine(String value) {
    for (int p = value.indexOf('\n'); p >= 0; p = value.indexOf('\n', p + 1)) {
      if (DotenvParser.looksLikeAssignment(value, p + 1)) {
        return true;
      }
    }
    return false;
  }
}
