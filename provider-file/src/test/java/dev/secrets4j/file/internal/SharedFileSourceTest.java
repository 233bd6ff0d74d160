package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.EnvironmentViolationException;
import dev.secrets4j.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared-source guard sees one file however its path is spelled: through a link, or relative. */
class SharedFileSourceTest {
  @TempDir Path dir;

  @Test
  void oneFileThroughASymbolicLink_isOneStoreForTwoEnvironments() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path file = Files.writeString(real.resolve("secrets.env"), "A=1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);

    assertThatThrownBy(() -> Secrets.builder().environment("development")
        .source("development", "file:" + real.resolve("secrets.env"))
        .source("production", "file:" + link.resolve("secrets.env")).build())
        .isInstanceOf(EnvironmentViolationException.class).hasMessageContaining("shared-source");
  }

  @Test
  void oneDirectoryRelativeAndAbsolute_isOneStoreForTwoEnvironments() throws Exception {
    Path mounted = Files.createDirectory(dir.resolve("mounted"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path relative = Path.of("").toAbsolutePath().relativize(mounted);

    assertThatThrownBy(() -> Secrets.builder().environment("staging")
        .source("staging", "dir:" + relative)
        .source("production", "dir:" + mounted).build())
        .isInstanceOf(EnvironmentViolationException.class).hasMessageContaining("shared-source");
  }
}
