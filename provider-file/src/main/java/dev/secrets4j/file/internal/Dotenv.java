package dev.secrets4j.file.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The dotenv format, parsed strictly.
 *
 * <ul>
 *   <li>Blank lines and lines whose first non-blank character is {@code #} are ignored.</li>
 *   <li>{@code KEY=VALUE}, optionally preceded by {@code export }; blanks around {@code =} are allowed. A key
 *       starts with a letter or {@code _} and has letters, digits, {@code _ . -}.</li>
 *   <li>Unquoted values are trimmed; a {@code #} preceded by a blank starts a comment.</li>
 *   <li>Single-quoted values are literal. Double-quoted values know the escapes {@code \n \r \t \" \\ \$}.
 *       Both may span lines. After the closing quote only blanks and a comment may follow.</li>
 *   <li>CRLF and a UTF-8 byte order mark are accepted (see {@link Text#decodeUtf8}).</li>
 *   <li>A malformed line, a duplicate key or a NUL character is an error naming the line and what is wrong;
 *       nothing is skipped, and no message shows a value.</li>
 * </ul>
 * No variable expansion: {@code $OTHER} is literal.
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
    return new Parser(text, firstLine).parse();
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
    if (value.indexOf('\'') < 0 && value.indexOf('\r') < 0) {
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

  private static boolean blank(char c) {
    return c == ' ' || c == '\t';
  }

  /** A single pass over the text, tracking the line and where it starts. */
  private static final class Parser {
    private final String s;
    private final int n;
    private int i;
    private int line;
    private int lineStart;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Integer> seen = new HashMap<>();

    Parser(String s, int firstLine) {
      this.s = s;
      this.n = s.length();
      this.line = firstLine;
    }

    List<Entry> parse() throws MalformedContentException {
      int nul = s.indexOf('\0');
      if (nul >= 0) {
        int l = line;
        for (int k = 0; k < nul; k++) {
          if (s.charAt(k) == '\n') {
            l++;
          }
        }
        throw error(l, "holds a NUL character; is this a binary file?");
      }
      while (i < n) {
        skipBlanks();
        if (i >= n) {
          break;
        }
        char c = s.charAt(i);
        if (c == '\n') {
          newline();
          continue;
        }
        if (c == '#') {
          skipToEndOfLine();
          continue;
        }
        entry();
      }
      return entries;
    }

    private void entry() throws MalformedContentException {
      int entryLine = line;
      boolean exported = false;
      if (s.startsWith("export", i) && i + 6 < n && blank(s.charAt(i + 6))) {
        exported = true;
        i += 6;
        skipBlanks();
      }
      int keyStart = i;
      while (i < n && s.charAt(i) != '=' && s.charAt(i) != '\n' && !blank(s.charAt(i))) {
        i++;
      }
      String key = s.substring(keyStart, i);
      skipBlanks();
      if (i >= n || s.charAt(i) != '=') {
        boolean hasEquals = s.indexOf('=', i) >= 0 && (s.indexOf('\n', i) < 0 || s.indexOf('=', i) < s.indexOf('\n', i));
        throw error(entryLine, hasEquals
            ? "a key cannot contain blanks; expected KEY=VALUE (" + KEY_RULE + ")"
            : "expected KEY=VALUE, but the line has no '='");
      }
      if (key.isEmpty()) {
        throw error(entryLine, "the line has no key before '='");
      }
      if (!KEY.matcher(key).matches()) {
        throw error(entryLine, "invalid key: " + KEY_RULE);
      }
      i++; // '='
      int valueStart = i;
      skipBlanks();
      String value;
      if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
        value = s.charAt(i) == '"' ? doubleQuoted(key, entryLine) : singleQuoted(key, entryLine);
        skipBlanks();
        if (i < n && s.charAt(i) == '#') {
          skipToEndOfLine();
        } else if (i < n && s.charAt(i) != '\n') {
          throw error(line, "unexpected text after the closing quote of key '" + key
              + "'; only a comment ('# ...') may follow it");
        }
      } else {
        value = unquoted(valueStart);
      }
      Integer first = seen.putIfAbsent(key, entryLine);
      if (first != null) {
        throw error(entryLine, "duplicate key '" + key + "' (first defined on line " + first
            + "); keep one of them");
      }
      entries.add(new Entry(key, value, entryLine, line, exported));
    }

    /** From just after '=' to the end of the line; a blank followed by '#' starts a comment; trimmed. */
    private String unquoted(int from) {
      int end = s.indexOf('\n', from);
      if (end < 0) {
        end = n;
      }
      int cut = end;
      for (int k = from; k < end; k++) {
        // only a blank before '#' makes a comment: KEY=#abc is the value "#abc"
        if (s.charAt(k) == '#' && k > from && blank(s.charAt(k - 1))) {
          cut = k;
          break;
        }
      }
      int a = from;
      int b = cut;
      while (a < b && blank(s.charAt(a))) {
        a++;
      }
      while (b > a && blank(s.charAt(b - 1))) {
        b--;
      }
      i = end;
      return s.substring(a, b);
    }

    private String singleQuoted(String key, int openLine) throws MalformedContentException {
      i++; // opening quote
      int start = i;
      while (i < n && s.charAt(i) != '\'') {
        if (s.charAt(i) == '\n') {
          newline();
        } else {
          i++;
        }
      }
      if (i >= n) {
        throw error(openLine, "unterminated single-quoted value for key '" + key + "' (the quote opened on line "
            + openLine + " is never closed)");
      }
      String v = s.substring(start, i);
      i++; // closing quote
      return v;
    }

    private String doubleQuoted(String key, int openLine) throws MalformedContentException {
      i++; // opening quote
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (i >= n) {
          throw error(openLine, "unterminated double-quoted value for key '" + key
              + "' (the quote opened on line " + openLine + " is never closed)");
        }
        char c = s.charAt(i);
        if (c == '"') {
          i++;
          return sb.toString();
        }
        if (c == '\\') {
          if (i + 1 >= n) {
            throw error(openLine, "unterminated double-quoted value for key '" + key
                + "' (the quote opened on line " + openLine + " is never closed)");
          }
          char e = s.charAt(i + 1);
          switch (e) {
            case 'n': sb.append('\n'); break;
            case 'r': sb.append('\r'); break;
            case 't': sb.append('\t'); break;
            case '"': sb.append('"'); break;
            case '\\': sb.append('\\'); break;
            case '$': sb.append('$'); break;
            default:
              throw error(line, "unknown escape sequence at column " + (i - lineStart + 1) + " in the value of key '"
                  + key + "'; valid escapes are \\n \\r \\t \\\" \\\\ \\$ (use single quotes for a literal backslash)");
          }
          i += 2;
          continue;
        }
        if (c == '\n') {
          sb.append('\n');
          newline();
          continue;
        }
        sb.append(c);
        i++;
      }
    }

    private void skipBlanks() {
      while (i < n && blank(s.charAt(i))) {
        i++;
      }
    }

    private void skipToEndOfLine() {
      while (i < n && s.charAt(i) != '\n') {
        i++;
      }
    }

    private void newline() {
      i++;
      line++;
      lineStart = i;
    }

    private static MalformedContentException error(int line, String what) {
      return new MalformedContentException("line " + line + ": " + what);
    }
  }
}
