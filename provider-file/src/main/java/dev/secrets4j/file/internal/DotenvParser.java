package dev.secrets4j.file.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a dotenv text, tracking the line and where it starts.
 *
 * <ul>
 *   <li>Blank lines and lines whose first non-blank character is {@code #} are ignored.</li>
 *   <li>{@code KEY=VALUE}, optionally preceded by {@code export }; blanks (space, tab) around {@code =} are allowed.
 *       A key starts with a letter or {@code _} and has letters, digits, {@code _ . -}.</li>
 *   <li>Unquoted values are trimmed; a {@code #} preceded by a blank starts a comment.</li>
 *   <li>Single-quoted values are literal. Double-quoted values know the escapes {@code \n \r \t \" \\ \$}; a
 *       backslash is always an escape there, so any other one is an error. Both may span lines. After the closing
 *       quote only blanks and a comment may follow.</li>
 * </ul>
 * Refused, because dotenv tools read them differently: a value opened with a backtick; outside quotes, a blank
 * other than space and tab ({@link UnusualBlanks}); a {@code $} in an unquoted value or an unescaped one in double
 * quotes (expansion); a line inside a multi-line quoted value that looks like {@code KEY=VALUE} (a quote left open).
 * Messages name lines, columns and constructs, never file text, since a broken line can make value text look like
 * a key.
 */
final class DotenvParser {
  private static final String ESCAPES = "\\n \\r \\t \\\" \\\\ \\$";

  private final String s;
  private final int n;
  private int i;
  private int line;
  private int lineStart;
  private final List<Dotenv.Entry> entries = new ArrayList<>();
  private final Map<String, Integer> seen = new HashMap<>();

  DotenvParser(String s, int firstLine) {
    this.s = s;
    this.n = s.length();
    this.line = firstLine;
  }

  List<Dotenv.Entry> parse() throws MalformedContentException {
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
    refuseUnusualBlanks(keyStart, Math.min(i + 1, n), "before the '='");
    if (i >= n || s.charAt(i) != '=') {
      int eol = s.indexOf('\n', i);
      boolean hasEquals = s.indexOf('=', i) >= 0 && (eol < 0 || s.indexOf('=', i) < eol);
      throw error(entryLine, hasEquals
          ? "a key cannot contain blanks; expected KEY=VALUE (" + Dotenv.KEY_RULE + ")"
          : "expected KEY=VALUE, but the line has no '='");
    }
    if (key.isEmpty()) {
      throw error(entryLine, "the line has no key before '='");
    }
    if (!Dotenv.KEY.matcher(key).matches()) {
      throw error(entryLine, "invalid key: " + Dotenv.KEY_RULE);
    }
    i++; // '='
    int valueStart = i;
    skipBlanks();
    String value;
    char q = i < n ? s.charAt(i) : '\n';
    if (q == '`') {
      throw error(entryLine, "a value in backticks (column " + column() + "): npm dotenv removes the backticks, "
          + "docker compose and python-dotenv keep them; write it in single quotes (literal) or double quotes "
          + "(with escapes)");
    }
    if (q == '"' || q == '\'') {
      value = q == '"' ? doubleQuoted(entryLine) : singleQuoted(entryLine);
      skipBlanks();
      refuseUnusualBlanks(i, Math.min(i + 1, n), "after the closing quote");
      if (i < n && s.charAt(i) == '#') {
        skipToEndOfLine();
      } else if (i < n && s.charAt(i) != '\n') {
        throw error(line, "unexpected text after the closing quote (column " + column()
            + "); only a comment ('# ...') may follow it");
      }
    } else {
      value = unquoted(valueStart);
    }
    Integer first = seen.putIfAbsent(key, entryLine);
    if (first != null) {
      throw error(entryLine, "duplicate key (first defined on line " + first + "); keep one of them");
    }
    entries.add(new Dotenv.Entry(key, value, entryLine, line, exported));
  }

  /** From just after '=' to the end of the line; a blank followed by '#' starts a comment; trimmed. */
  private String unquoted(int from) throws MalformedContentException {
    int end = lineEnd(from);
    int cut = end;
    for (int k = from; k < end; k++) {
      // only a blank before '#' makes a comment: KEY=#abc is the value "#abc"
      if (s.charAt(k) == '#' && k > from && blank(s.charAt(k - 1))) {
        cut = k;
        break;
      }
    }
    refuseUnusualBlanks(from, cut, "in an unquoted value (inside quotes it would be kept)");
    int dollar = from;
    while (dollar < cut && s.charAt(dollar) != '$') {
      dollar++;
    }
    if (dollar < cut) {
      throw error(line, "a '$' in an unquoted value (column " + (dollar - lineStart + 1) + "): docker compose "
          + "expands $NAME and ${NAME} and python-dotenv ${NAME}, npm dotenv keeps it; write the value in single "
          + "quotes to keep the '$', or put the value itself in the file");
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

  private String singleQuoted(int openLine) throws MalformedContentException {
    i++; // opening quote
    int start = i;
    while (i < n && s.charAt(i) != '\'') {
      if (s.charAt(i) == '\n') {
        newline();
        refuseSwallowedLine("single", openLine);
      } else {
        i++;
      }
    }
    if (i >= n) {
      throw unterminated("single", openLine);
    }
    String v = s.substring(start, i);
    i++; // closing quote
    return v;
  }

  private String doubleQuoted(int openLine) throws MalformedContentException {
    i++; // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (i >= n) {
        throw unterminated("double", openLine);
      }
      char c = s.charAt(i);
      if (c == '"') {
        i++;
        return sb.toString();
      }
      if (c == '$') {
        throw error(line, "an unescaped '$' in a double-quoted value (column " + column() + "): docker compose "
            + "and python-dotenv expand ${NAME} there, npm dotenv does not; write \\$ for a literal '$', or use "
            + "single quotes");
      }
      if (c == '\\') {
        if (i + 1 >= n) {
          throw unterminated("double", openLine);
        }
        switch (s.charAt(i + 1)) {
          case 'n': sb.append('\n'); break;
          case 'r': sb.append('\r'); break;
          case 't': sb.append('\t'); break;
          case '"': sb.append('"'); break;
          case '\\': sb.append('\\'); break;
          case '$': sb.append('$'); break;
          default:
            throw error(line, "unknown escape sequence at column " + column() + " in a double-quoted value; "
                + "valid escapes are " + ESCAPES + ", and a backslash is always an escape in double quotes: write "
                + "a literal backslash (a Windows path) in single quotes");
        }
        i += 2;
        continue;
      }
      if (c == '\n') {
        sb.append('\n');
        newline();
        refuseSwallowedLine("double", openLine);
        continue;
      }
      sb.append(c);
      i++;
    }
  }

  /** At the start of a continuation line of a quoted value: refuses it when it reads as an assignment. */
  private void refuseSwallowedLine(String quote, int openLine) throws MalformedContentException {
    if (looksLikeAssignment(s, i)) {
      throw error(line, "this line looks like KEY=VALUE but is inside the " + quote + "-quoted value opened on line "
          + openLine + "; close that quote on its own line, or, if the value really holds such lines, write it on "
          + "one line in double quotes with \\n");
    }
  }

  /**
   * True when the line starting at {@code p} reads as {@code [export] KEY=VALUE} with a value that is not only
   * {@code =} characters (a base64 line of a PEM, {@code AbC==}, is not an assignment), a closing quote aside.
   */
  static boolean looksLikeAssignment(String s, int p) {
    int e = s.indexOf('\n', p);
    e = e < 0 ? s.length() : e;
    int k = skipBlanks(s, p, e);
    if (s.startsWith("export", k) && k + 6 < e && blank(s.charAt(k + 6))) {
      k = skipBlanks(s, k + 6, e);
    }
    if (k >= e || !(isAsciiLetter(s.charAt(k)) || s.charAt(k) == '_')) {
      return false;
    }
    while (k < e && (isAsciiLetter(s.charAt(k)) || isDigit(s.charAt(k)) || "_.-".indexOf(s.charAt(k)) >= 0)) {
      k++;
    }
    k = skipBlanks(s, k, e);
    if (k >= e || s.charAt(k) != '=') {
      return false;
    }
    int b = e;
    while (b > k && blank(s.charAt(b - 1))) {
      b--;
    }
    if (b > k + 1 && (s.charAt(b - 1) == '\'' || s.charAt(b - 1) == '"')) {
      b--;
    }
    for (int j = k + 1; j < b; j++) {
      if (s.charAt(j) != '=' && !blank(s.charAt(j))) {
        return true;
      }
    }
    return false;
  }

  private void refuseUnusualBlanks(int from, int to, String where) throws MalformedContentException {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (UnusualBlanks.is(c)) {
        throw error(line, UnusualBlanks.describe(c) + " at column " + (k - lineStart + 1) + ", " + where
            + "; dotenv tools disagree on whether it is a blank: delete it, or replace it with a space");
      }
    }
  }

  private MalformedContentException unterminated(String quote, int openLine) {
    return error(openLine, "unterminated " + quote + "-quoted value (the quote opened on line " + openLine
        + " is never closed)");
  }

  private int column() {
    return i - lineStart + 1;
  }

  private int lineEnd(int from) {
    int end = s.indexOf('\n', from);
    return end < 0 ? n : end;
  }

  private void skipBlanks() {
    i = skipBlanks(s, i, n);
  }

  private static int skipBlanks(String s, int k, int end) {
    while (k < end && blank(s.charAt(k))) {
      k++;
    }
    return k;
  }

  private void skipToEndOfLine() {
    i = lineEnd(i);
  }

  private void newline() {
    i++;
    line++;
    lineStart = i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean blank(char c) {
    return c == ' ' || c == '\t';
  }

  private static MalformedContentException error(int line, String what) {
    return new MalformedContentException("line " + line + ": " + what);
  }
}
