package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.VersionSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secret names never leave a directory source's root. */
class TraversalTest {
  private static final String OUTSIDE_VALUE = "outside-canary-value";

  @TempDir
  Path tmp;
  Path root;
  Path outside;
  SecretSource source;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectory(tmp.resolve("secrets"));
    outside = TestFiles.write(tmp.resolve("outside.txt"), OUTSIDE_VALUE);
    TestFiles.write(root.resolve("inside"), "inside-value");
    Files.createDirectory(root.resolve("tls"));
    TestFiles.write(root.resolve("tls").resolve("tls.key"), "nested-value");
    Files.createDirectory(root.resolve("..data"));
    TestFiles.write(root.resolve("..data").resolve("hidden"), "internal");
    source = FileSecretSources.fromUri("dir:" + root, Environment.DEVELOPMENT);
  }

  @AfterEach
  void close() {
    source.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"../outside.txt", "tls/../../outside.txt", "..", ".", "./inside", "/etc/passwd",
      "\\etc\\passwd", "tls\\tls.key", "C:/windows", "..data/hidden", "..data", "tls//tls.key", "tls/", "a\0b"})
  void escapingNames_areDenied_withAClearReason(String name) {
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch(name, VersionSelector.CURRENT));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("the name is refused").contains(root.toString())
        .doesNotContain(OUTSIDE_VALUE);
  }

  @Test
  void symlinkLeadingOutsideTheRoot_isDenied() throws Exception {
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.createSymbolicLink(root.resolve("escape-dir"), tmp);
    for (String name : new String[] {"escape", "escape-dir/outside.txt"}) {
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> source.fetch(name, VersionSelector.CURRENT));
      assertThat(e.kind()).as(name).isEqualTo(Kind.ACCESS_DENIED);
      assertThat(e.getMessage()).contains("leads outside").doesNotContain(OUTSIDE_VALUE);
    }
  }

  @Test
  void symlinkStayingInside_andNestedNames_areRead() throws Exception {
    Files.createSymbolicLink(root.resolve("alias"), Path.of("tls", "tls.key"));
    assertThat(source.fetch("alias", VersionSelector.CURRENT).valueAsString()).isEqualTo("nested-value");
    assertThat(source.fetch("tls/tls.key", VersionSelector.CURRENT).valueAsString()).isEqualTo("nested-value");
  }

  @Test
  void rootReachedThroughASymlink_stillConfinesNames() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("current"), root);
    try (SecretSource viaLink = FileSecretSources.fromUri("dir:" + link, Environment.DEVELOPMENT)) {
      assertThat(viaLink.fetch("inside", VersionSelector.CURRENT).valueAsString()).isEqualTo("inside-value");
      assertThat(catchThrowableOfType(SecretSourceException.class,
          () -> viaLink.fetch("../outside.txt", VersionSelector.CURRENT)).kind()).isEqualTo(Kind.ACCESS_DENIED);
    }
  }

  @Test
  void namesNoFileCanHave_missingFiles_danglingLinks_andFolders_areNotFound() throws Exception {
    Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
    for (String name : new String[] {"has space", "ünïcode", "missing", "dangling", "tls"}) {
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> source.fetch(name, VersionSelector.CURRENT));
      assertThat(e.kind()).as(name).isEqualTo(Kind.NOT_FOUND);
      assertThat(e.getMessage()).contains("'" + name + "'");
    }
  }

  @Test
  void tenThousandGeneratedNames_neverReadAnythingOutsideTheRoot() throws Exception {
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.createSymbolicLink(root.resolve("alias"), Path.of("tls", "tls.key"));
    String[] pieces = {"..", ".", "/", "\\", "inside", "tls", "tls.key", "..data", "hidden", "escape", "alias",
        "outside.txt", "%2e%2e", "~", " ", "\0", "C:", "secrets", "//", "a"};
    java.util.Random rnd = new java.util.Random(0x7A5E_0005L);
    java.util.Map<SecretSourceException.Kind, Integer> kinds = new java.util.EnumMap<>(Kind.class);
    int read = 0;
    for (int i = 0; i < 10_000; i++) {
      StringBuilder name = new StringBuilder();
      for (int n = 1 + rnd.nextInt(5); n > 0; n--) {
        name.append(pieces[rnd.nextInt(pieces.length)]);
      }
      try {
        String value = source.fetch(name.toString(), VersionSelector.CURRENT).valueAsString();
        assertThat(value).as("name #%d", i).isIn("inside-value", "nested-value");
        read++;
      } catch (SecretSourceException e) {
        kinds.merge(e.kind(), 1, Integer::sum);
        assertThat(e.getMessage()).doesNotContain(OUTSIDE_VALUE);
      }
    }
    assertThat(read).isPositive();
    assertThat(kinds).containsKeys(Kind.ACCESS_DENIED, Kind.NOT_FOUND).doesNotContainKey(Kind.TRANSIENT);
  }

  @Test
  void specialFiles_areNotRead() throws Exception {
    Path fifo = root.resolve("pipe");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(p.waitFor()).isZero();
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("pipe", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("not a regular file");
  }
}
