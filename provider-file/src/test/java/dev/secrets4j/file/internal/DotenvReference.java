package dev.secrets4j.file.internal;

import java.util.List;

/**
 * The dotenv constructs of provider-file's README table, and what secrets4j answers for each, written by hand from
 * that table (not from the parser's output). {@code {K}} stands for the key; a row is one entry, on one or more lines.
 */
final class DotenvReference {
  /** One construct: its text, and either the value it reads as or the refusal (its line within the row, a reason). */
  static final class Row {
    final String construct;
    final String text;
    final String value;
    final int refusedLine;
    final String reason;

    private Row(String construct, String text, String value, int refusedLine, String reason) {
      this.construct = construct;
      this.text = text;
      this.value = value;
      this.refusedLine = refusedLine;
      this.reason = reason;
    }

    boolean refused() {
      return reason != null;
    }

    String text(String key) {
      return text.replace("{K}", key);
    }

    @Override
    public String toString() {
      return construct;
    }
  }

  static final List<Row> ROWS = List.of(
      reads("plain value", "{K}=abc", "abc"),
      reads("blank then # starts a comment", "{K}=abc #c", "abc"),
      reads("# without a blank before it", "{K}=a#b", "a#b"),
      reads("export prefix", "export {K}=v", "v"),
      reads("single quotes are literal", "{K}='a \\n b'", "a \\n b"),
      reads("double quotes: \\n is a newline", "{K}=\"a\\nb\"", "a\nb"),
      reads("double quotes: a Windows path is escapes", "{K}=\"C:\\new\\table\"", "C:\new\table"),
      reads("single quotes: a Windows path is literal", "{K}='C:\\Users\\new'", "C:\\Users\\new"),
      reads("a backtick inside an unquoted value", "{K}=a`b", "a`b"),
      reads("backticks inside single quotes", "{K}='`abc`'", "`abc`"),
      reads("\\$ in double quotes", "{K}=\"\\${HOST}\"", "${HOST}"),
      reads("${VAR} in single quotes", "{K}='${HOST}'", "${HOST}"),
      reads("a non-breaking space inside quotes", "{K}='a\u00A0b'", "a\u00A0b"),
      reads("multi-line value, base64 lines ending in =", "{K}='-----BEGIN-----\nAbC=\nxyZ==\n-----END-----'",
          "-----BEGIN-----\nAbC=\nxyZ==\n-----END-----"),
      reads("multi-line value, a line with '=' that is no KEY=", "{K}=\"first\n a b=c\"", "first\n a b=c"),
      refuses("backticks", "{K}=`abc`", 1, "a value in backticks"),
      refuses("backticks around ' #'", "{K}=`pa #ss`", 1, "a value in backticks"),
      refuses("multi-line backticks", "{K}=`a\nb`", 1, "a value in backticks"),
      refuses("NBSP before #", "{K}=abc\u00A0#c", 1, "a non-breaking space (U+00A0)"),
      refuses("trailing NBSP", "{K}=abc\u00A0", 1, "a non-breaking space (U+00A0)"),
      refuses("leading NBSP", "{K}=\u00A0abc", 1, "a non-breaking space (U+00A0)"),
      refuses("NBSP before the key", "\u00A0{K}=abc", 1, "a non-breaking space (U+00A0)"),
      refuses("NBSP after a closing quote", "{K}='abc'\u00A0# c", 1, "a non-breaking space (U+00A0)"),
      refuses("vertical tab", "{K}=abc\u000B", 1, "a vertical tab (U+000B)"),
      refuses("form feed", "{K}=\u000Cabc", 1, "a form feed (U+000C)"),
      refuses("NEL", "{K}=abc\u0085", 1, "NEL (U+0085)"),
      refuses("ideographic space", "{K}=abc\u3000", 1, "a Unicode blank (U+3000)"),
      refuses("zero-width space", "{K}=abc\u200B", 1, "a zero-width space (U+200B)"),
      refuses("a backslash that is no escape", "{K}=\"C:\\Users\"", 1, "unknown escape sequence"),
      refuses("$VAR unquoted", "{K}=$HOST", 1, "a '$' in an unquoted value"),
      refuses("${VAR} unquoted", "{K}=${HOST}", 1, "a '$' in an unquoted value"),
      refuses("$$ unquoted", "{K}=pa$$word", 1, "a '$' in an unquoted value"),
      refuses("${VAR} in double quotes", "{K}=\"${HOST}\"", 1, "an unescaped '$'"),
      refuses("an open double quote swallows KEY=VALUE", "{K}=\"abc\nB=x\"", 2, "looks like KEY=VALUE"),
      refuses("an open single quote swallows export KEY=VALUE", "{K}='abc\n\nexport B=x'", 3,
          "looks like KEY=VALUE"));

  private DotenvReference() {}

  private static Row reads(String construct, String text, String value) {
    return new Row(construct, text, value, 0, null);
  }

  private static Row refuses(String construct, String text, int line, String reason) {
    return new Row(construct, text, null, line, reason);
  }
}
