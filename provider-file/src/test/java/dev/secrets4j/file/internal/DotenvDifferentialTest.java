package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The parser against {@link DotenvReference}: every construct alone, through a real file, and then generated files
 * that mix constructs (with comments, blank lines and CRLF between them), whose expected reading is composed from
 * the rows.
 */
class DotenvDifferentialTest {
  private static final int GENERATED = 5_000;

  @TempDir
  Path dir;

  static final List<DotenvReference.Row> ROWS = DotenvReference.ROWS;

  @ParameterizedTest(name = "{0}")
  @FieldSource("ROWS")
  void eachConstruct_readsOrIsRefusedAsTheReadmeSays(DotenvReference.Row row) throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "FIRST=1\n" + row.text("SECRET_KEY") + "\n");
    if (row.refused()) {
      SecretConfigurationException e = catchThrowableOfType(SecretConfigurationException.class,
          () -> FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT));
      assertThat(e).as(row.construct).isNotNull();
      assertThat(e.getMessage()).contains(file + " line " + (1 + row.refusedLine) + ": ").contains(row.reason);
    } else {
      try (SecretSource s = FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT)) {
        assertThat(s.fetch("SECRET_KEY", VersionSelector.CURRENT).valueAsString()).as(row.construct)
            .isEqualTo(row.value);
      }
    }
  }

  @Test
  void generatedFiles_readAsTheirRowsSay() {
    Random rnd = new Random(0xD1FF_0024L);
    for (int n = 0; n < GENERATED; n++) {
      StringBuilder text = new StringBuilder();
      Map<String, String> expected = new LinkedHashMap<>();
      String eol = rnd.nextInt(4) == 0 ? "\r\n" : "\n";
      int line = 1;
      int refusedAt = -1;
      String reason = null;
      List<String> used = new ArrayList<>();
      int count = 1 + rnd.nextInt(6);
      for (int r = 0; r < count; r++) {
        if (rnd.nextInt(3) == 0) {
          text.append(rnd.nextBoolean() ? "# note" : "").append(eol);
          line++;
        }
        DotenvReference.Row row = ROWS.get(rnd.nextInt(ROWS.size()));
        String key = "K" + r;
        used.add(row.construct);
        text.append(row.text(key).replace("\n", eol)).append(eol);
        if (row.refused() && refusedAt < 0) {
          refusedAt = line + row.refusedLine - 1;
          reason = row.reason;
        } else if (refusedAt < 0) {
          expected.put(key, row.value);
        }
        line += row.text.split("\n", -1).length;
      }
      String where = "generated file #" + n + " of " + used;
      String content = text.toString();
      if (refusedAt > 0) {
        MalformedContentException e = catchThrowableOfType(MalformedContentException.class, () -> parse(content));
        assertThat(e).as(where).isNotNull();
        assertThat(e.getMessage()).as(where).startsWith("line " + refusedAt + ": ").contains(reason);
      } else {
        assertThat(parseQuietly(content, where)).as(where).containsExactlyEntriesOf(expected);
      }
    }
  }

  private static Map<String, String> parse(String content) throws MalformedContentException {
    return Dotenv.toMap(Dotenv.parse(Text.decodeUtf8(content.getBytes(StandardCharsets.UTF_8))));
  }

  private static Map<String, String> parseQuietly(String content, String where) {
    try {
      return parse(content);
    } catch (MalformedContentException e) {
      throw new AssertionError(where + " was refused: " + e.getMessage());
    }
  }
}
