package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The dotenv rules, one row each: what every accepted form reads as, and where and why every malformed one fails. */
class DotenvCasesTest {
  /** Stands in for a value in malformed inputs: it must never show up in a message. */
  private static final String SECRET = "s3cr3t-VALUE";

  @TempDir
  Path dir;

  static Stream<Arguments> accepted() {
    return Stream.of(
        arguments("plain KEY=VALUE", "KEY=value", map("KEY", "value")),
        arguments("comments and blank lines are ignored", "# comment\n\nKEY=v\n   # indented comment\n\n",
            map("KEY", "v")),
        arguments("export prefix", "export KEY=v\nexport  OTHER=w", map("KEY", "v", "OTHER", "w")),
        arguments("'export' as a key", "export=yes", map("export", "yes")),
        arguments("unquoted values are trimmed", "KEY =   spaced value   ", map("KEY", "spaced value")),
        arguments("tabs around key and value", "\tKEY\t=\tv\t", map("KEY", "v")),
        arguments("blank then # starts a comment", "KEY=v # note", map("KEY", "v")),
        arguments("# without a blank before it is part of the value", "KEY=a#b", map("KEY", "a#b")),
        arguments("# right after = is part of the value", "KEY=#start", map("KEY", "#start")),
        arguments("empty value", "KEY=", map("KEY", "")),
        arguments("empty value with a comment", "KEY= # nothing here", map("KEY", "")),
        arguments("= inside a value", "URL=postgres://u:p@h/db?a=b", map("URL", "postgres://u:p@h/db?a=b")),
        arguments("single quotes are literal", "KEY='a \\n $HOME # x \"q\"'", map("KEY", "a \\n $HOME # x \"q\"")),
        arguments("double quotes know \\n \\r \\t \\\" \\\\ \\$",
            "KEY=\"a\\nb \\\"q\\\" c\\\\d \\$e\\tf\\rg\"", map("KEY", "a\nb \"q\" c\\d $e\tf\rg")),
        arguments("double-quoted value spans lines", "KEY=\"line1\nline2\"\nNEXT=x",
            map("KEY", "line1\nline2", "NEXT", "x")),
        arguments("single-quoted value spans lines (a PEM)",
            "PEM='-----BEGIN KEY-----\nMIIB\n-----END KEY-----'\nNEXT=x",
            map("PEM", "-----BEGIN KEY-----\nMIIB\n-----END KEY-----", "NEXT", "x")),
        arguments("a comment may follow a closing quote", "KEY=\"v\" # note\nB='w'\t#x", map("KEY", "v", "B", "w")),
        arguments("blanks inside quotes are kept", "KEY='  padded  '", map("KEY", "  padded  ")),
        arguments("CRLF line ends", "A=1\r\nB=\"x\r\ny\"\r\n", map("A", "1", "B", "x\ny")),
        arguments("lone CR line ends", "A=1\rB=2\r", map("A", "1", "B", "2")),
        arguments("keys with dots and dashes", "stripe-api-key=x\napp.db.url=y\n_PRIVATE=z",
            map("stripe-api-key", "x", "app.db.url", "y", "_PRIVATE", "z")),
        arguments("a '$' is literal in single quotes and escaped in double quotes", "A='$B'\nC=\"\\${D}\"",
            map("A", "$B", "C", "${D}")),
        arguments("unicode values", "K=línea ✓", map("K", "línea ✓")),
        arguments("a quote inside an unquoted value is literal", "K=it's", map("K", "it's")),
        arguments("no trailing newline", "A=1", map("A", "1")),
        arguments("empty file", "", map()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void acceptedForms_readAsExpected(String rule, String text, Map<String, String> expected) throws Exception {
    assertThat(Dotenv.toMap(Dotenv.parse(Text.decodeUtf8(text.getBytes(StandardCharsets.UTF_8)))))
        .containsExactlyEntriesOf(expected);
  }

  @Test
  void byteOrderMark_isDropped() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'A', '=', '1'};
    assertThat(Dotenv.toMap(Dotenv.parse(Text.decodeUtf8(bom)))).containsExactly(Map.entry("A", "1"));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments("a line without '='", "A=1\n" + SECRET + "\n", 2, "expected KEY=VALUE, but the line has no '='"),
        arguments("'export' without an assignment", "export " + SECRET + "\n", 1, "has no '='"),
        arguments("no key before '='", "A=1\n\n=" + SECRET, 3, "no key before '='"),
        arguments("a key starting with a digit", "1BAD=" + SECRET, 1, "invalid key"),
        arguments("a key with other characters", "K%Y=" + SECRET, 1, "invalid key"),
        arguments("a key with a blank", "MY KEY=" + SECRET, 1, "a key cannot contain blanks"),
        arguments("a duplicate key", "A=" + SECRET + "\nB=2\nA=" + SECRET, 3,
            "duplicate key (first defined on line 1)"),
        arguments("an unterminated double quote", "A=1\nB=\"" + SECRET + "\nmore\n", 2,
            "unterminated double-quoted value (the quote opened on line 2"),
        arguments("an unterminated single quote", "A='" + SECRET, 1, "unterminated single-quoted value (the quote opened on line 1"),
        arguments("a backslash at the end of the file", "A=\"" + SECRET + "\\", 1, "unterminated double-quoted"),
        arguments("an unknown escape", "A=\"" + SECRET + " \\q\"", 1, "unknown escape sequence at column 17"),
        arguments("text after the closing quote", "A=\"" + SECRET + "\" " + SECRET, 1,
            "unexpected text after the closing quote"),
        arguments("a NUL character", "A=1\nB=" + SECRET + "\0x", 2, "NUL character"),
        arguments("an error after a multi-line value counts every line", "A=\"l1\nl2\"\nB C=" + SECRET, 3,
            "cannot contain blanks"),
        arguments("CRLF line numbers", "A=1\r\nB=2\r\nA=" + SECRET, 3, "duplicate key"),
        arguments("unquoted $NAME is not expanded silently", "A=$B", 1, "a '$' in an unquoted value"),
        arguments("double-quoted ${NAME} is not expanded silently", "C=\"${D}\"", 1, "an unescaped '$'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedForms_failWithLineNumberAndReason_neverTheValue(String rule, String text, int line, String reason) {
    MalformedContentException e = catchThrowableOfType(MalformedContentException.class,
        () -> Dotenv.parse(Text.decodeUtf8(text.getBytes(StandardCharsets.UTF_8))));
    assertThat(e).as(rule).isNotNull();
    assertThat(e.getMessage()).startsWith("line " + line + ": ").contains(reason).doesNotContain(SECRET);
  }

  @Test
  void invalidUtf8_failsWithItsLineNumber() {
    byte[] bytes = "A=1\nB=2\nC=\u00ff\n".getBytes(StandardCharsets.ISO_8859_1); // 0xFF alone is not UTF-8
    MalformedContentException e = catchThrowableOfType(MalformedContentException.class, () -> Text.decodeUtf8(bytes));
    assertThat(e.getMessage()).startsWith("line 3: not valid UTF-8");
  }

  @Test
  void writer_quotesEveryValueSoTheParserReadsItBack() throws Exception {
    String[] values = {"", "simple", "with space", "it's", "say \"hi\"", "multi\nline", "cr\rlf", "back\\slash",
        "$HOME", "# not a comment", "tab\there", "  padded  ", "'", "\"", "ünïcødé ✓", "a=b"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      sb.append(Dotenv.line("K" + i, values[i])).append('\n');
    }
    Map<String, String> read = Dotenv.toMap(Dotenv.parse(sb.toString()));
    for (int i = 0; i < values.length; i++) {
      assertThat(read.get("K" + i)).as("value %d", i).isEqualTo(values[i]);
    }
  }

  @Test
  void malformedFile_failsTheSourceAtCreation_namingTheFileAndLine() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=1\nB=\"" + SECRET + "\n");
    SecretConfigurationException e = catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT));
    assertThat(e.getMessage()).contains(file.toString()).contains("line 2: unterminated double-quoted value")
        .contains("fix the file").doesNotContain(SECRET);
  }

  @Test
  void fileTurnedMalformed_isPermanent_namingSecretSourceFileAndLine() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=1\n");
    try (SecretSource source = FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT)) {
      TestFiles.write(file, "A=1\nA=" + SECRET + "\n");
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> source.fetch("A", VersionSelector.CURRENT));
      assertThat(e.kind()).isEqualTo(SecretSourceException.Kind.PERMANENT);
      assertThat(e.getMessage()).contains("'A'").contains(source.id()).contains(file + " line 2: duplicate key")
          .doesNotContain(SECRET);
    }
  }

  @Test
  void secretName_findsTheExactKey_thenItsEnvironmentVariableForm() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"),
        "STRIPE_API_KEY=from-variable-form\nexact-name=exact\nEXACT_NAME=variable-form\n");
    try (SecretSource source = FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT)) {
      assertThat(source.fetch("stripe-api-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("from-variable-form");
      assertThat(source.fetch("exact-name", VersionSelector.CURRENT).valueAsString()).isEqualTo("exact");
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> source.fetch("database-url", VersionSelector.CURRENT));
      assertThat(e.kind()).isEqualTo(SecretSourceException.Kind.NOT_FOUND);
      assertThat(e.getMessage()).contains("'database-url'").contains("'DATABASE_URL'");
    }
  }

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
