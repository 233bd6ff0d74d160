package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file source parses a file once per change, however many names are read from it. */
class ParseOnceTest {
  @TempDir
  Path dir;

  @Test
  void manyNames_parseTheFileOnce() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      sb.append("KEY_").append(i).append("=value-").append(i).append('\n');
    }
    Path file = TestFiles.write(dir.resolve("development.env"), sb.toString());
    for (String uri : List.of("file:" + file)) {
      try (FileSecretSource s = (FileSecretSource) FileSecretSources.fromUri(uri, Environment.DEVELOPMENT)) {
        for (int i = 0; i < 5_000; i += 25) {
          assertThat(s.fetch("KEY_" + i, VersionSelector.CURRENT).valueAsString()).isEqualTo("value-" + i);
          s.metadata("KEY_" + i);
        }
        assertThat(s.parses()).isEqualTo(1);
      }
    }
  }

  @Test
  void replacedFile_isParsedAgain_andReadsTheNewValue() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=one\n");
    try (FileSecretSource s = (FileSecretSource) FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT)) {
      assertThat(s.fetch("A", VersionSelector.CURRENT).valueAsString()).isEqualTo("one");
      TestFiles.write(file, "A=two\n");
      assertThat(s.fetch("A", VersionSelector.CURRENT).valueAsString()).isEqualTo("two");
      assertThat(s.fetch("A", VersionSelector.CURRENT).valueAsString()).isEqualTo("two");
      assertThat(s.parses()).isEqualTo(2);
    }
  }

  @Test
  void sameSizeEditInPlace_withinTheSameTimestamp_isSeenThroughTheDigest() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=one\n");
    FileTime stamp = FileTime.from(Instant.now());
    Files.setLastModifiedTime(file, stamp);
    try (FileSecretSource s = (FileSecretSource) FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT)) {
      assertThat(s.fetch("A", VersionSelector.CURRENT).valueAsString()).isEqualTo("one");
      Files.write(file, "A=two\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);
      Files.setLastModifiedTime(file, stamp); // same size, same inode, same time: only the bytes differ
      assertThat(s.fetch("A", VersionSelector.CURRENT).valueAsString()).isEqualTo("two");
    }
  }

  @Test
  void fileTurnedMalformed_failsEveryRead_andRecoversWhenFixed() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=one\n");
    try (FileSecretSource s = (FileSecretSource) FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT)) {
      TestFiles.write(file, "A=one\nA=two\n");
      for (int i = 0; i < 2; i++) {
        assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("A", VersionSelector.CURRENT))
            .kind()).isEqualTo(SecretSourceException.Kind.PERMANENT);
      }
      TestFiles.write(file, "A=three\n");
      assertThat(s.fetch("A", VersionSelector.CURRENT).valueAsString()).isEqualTo("three");
    }
  }

  @Test
  void closedSource_servesNothingFromItsKeptParse() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=one\n");
    FileSecretSource s = (FileSecretSource) FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT);
    s.close();
    assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("A", VersionSelector.CURRENT))
        .getMessage()).contains("closed");
  }
}
