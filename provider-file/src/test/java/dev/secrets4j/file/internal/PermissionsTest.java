package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.file.EncryptedFiles;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.VersionSelector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group- and world-readable secret files: warned about, refused in production, configurable. */
class PermissionsTest {
  private static final String VALUE = "perm-canary-value";

  @TempDir
  Path dir;

  private Path exposedDotenv(String perms) throws Exception {
    return TestFiles.write(dir.resolve("app.env"), ("TOKEN=" + VALUE + "\n").getBytes(StandardCharsets.UTF_8), perms);
  }

  @Test
  void worldReadableFile_inProduction_isRefusedAtCreation_withTheChmodFix() throws Exception {
    Path file = exposedDotenv("rw-r--r--");
    SecretConfigurationException e = catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + file, Environment.PRODUCTION));
    assertThat(e.getMessage()).contains(file.toString()).contains("its group and others (rw-r--r--)")
        .contains("chmod 600 " + file).contains("permissions=warn").doesNotContain(VALUE);
  }

  @Test
  void groupReadableFile_inProduction_isRefusedToo() throws Exception {
    Path file = exposedDotenv("rw-r-----");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + file, Environment.PRODUCTION)).getMessage())
        .contains("its group (rw-r-----)");
  }

  @Test
  void ownerOnlyFile_inProduction_isRead() throws Exception {
    Path file = exposedDotenv("rw-------");
    try (SecretSource s = FileSecretSources.fromUri("file:" + file, Environment.PRODUCTION)) {
      assertThat(s.fetch("TOKEN", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUE);
    }
  }

  @Test
  void fileExposedAfterCreation_inProduction_isAccessDenied() throws Exception {
    Path file = exposedDotenv("rw-------");
    try (SecretSource s = FileSecretSources.fromUri("file:" + file, Environment.PRODUCTION)) {
      TestFiles.chmod(file, "rw-r--r--");
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> s.fetch("TOKEN", VersionSelector.CURRENT));
      assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
      assertThat(e.getMessage()).contains("'TOKEN'").contains("chmod 600").doesNotContain(VALUE);
    }
  }

  @Test
  void exposedFile_outsideProduction_isRead_withOneWarningPerFile_thatHoldsNoValue() throws Exception {
    Path file = exposedDotenv("rw-r--r--");
    String log = captureStandardError(() -> {
      try (SecretSource s = FileSecretSources.fromUri("file:" + file, Environment.STAGING)) {
        for (int i = 0; i < 3; i++) {
          assertThat(s.fetch("TOKEN", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUE);
        }
      }
    });
    assertThat(log.split("is readable by", -1)).hasSize(2);
    assertThat(log).contains(file.toString()).contains("rw-r--r--").doesNotContain(VALUE);
  }

  @Test
  void permissionsParameter_warnAllowsProduction_offSilences_refuseAppliesEverywhere() throws Exception {
    Path file = exposedDotenv("rw-r--r--");
    try (SecretSource s = FileSecretSources.fromUri("file:" + file + "?permissions=warn", Environment.PRODUCTION)) {
      assertThat(s.fetch("TOKEN", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUE);
    }
    String log = captureStandardError(() -> {
      try (SecretSource s = FileSecretSources.fromUri("file:" + file + "?permissions=off", Environment.PRODUCTION)) {
        assertThat(s.fetch("TOKEN", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUE);
      }
    });
    assertThat(log).doesNotContain("is readable by");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + file + "?permissions=refuse", Environment.DEVELOPMENT)))
        .isNotNull();
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + file + "?permissions=maybe", Environment.DEVELOPMENT)).getMessage())
        .contains("refuse, warn and off");
  }

  @Test
  void directorySource_inProduction_refusesAnExposedVolumeAtCreation_withTheKubernetesHint() throws Exception {
    TestFiles.write(dir.resolve("token"), VALUE.getBytes(StandardCharsets.UTF_8), "rw-r--r--");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("dir:" + dir, Environment.PRODUCTION)).getMessage())
        .contains(dir + "/token is readable by").contains("defaultMode: 0400").doesNotContain(VALUE);
  }

  @Test
  void directorySource_inProduction_refusesAFileExposedAfterCreation_withTheKubernetesHint() throws Exception {
    TestFiles.write(dir.resolve("token"), VALUE.getBytes(StandardCharsets.UTF_8), "rw-------");
    TestFiles.write(dir.resolve("fine"), "ok".getBytes(StandardCharsets.UTF_8), "r--------");
    try (SecretSource s = FileSecretSources.fromUri("dir:" + dir, Environment.PRODUCTION)) {
      TestFiles.chmod(dir.resolve("token"), "rw-r--r--");
      assertThat(s.fetch("fine", VersionSelector.CURRENT).valueAsString()).isEqualTo("ok");
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> s.fetch("token", VersionSelector.CURRENT));
      assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
      assertThat(e.getMessage()).contains("defaultMode: 0400").doesNotContain(VALUE);
    }
  }

  @Test
  void encryptedFile_mayBeWorldReadable_butItsKeyFileMayNot() throws Exception {
    byte[] key = EncryptedFiles.generateKey();
    Path enc = dir.resolve("production.env.enc");
    EncryptedFiles.set(enc, Environment.PRODUCTION, key, "TOKEN", VALUE.getBytes(StandardCharsets.UTF_8));
    TestFiles.chmod(enc, "rw-r--r--");
    Path keyFile = TestFiles.write(dir.resolve("production.key"),
        (EncryptedFiles.encodeKey(key) + "\n").getBytes(StandardCharsets.US_ASCII), "rw-------");
    String uri = "file:" + enc + "?keyFile=" + keyFile;
    try (SecretSource s = FileSecretSources.fromUri(uri, Environment.PRODUCTION)) {
      assertThat(s.fetch("TOKEN", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUE);
    }
    TestFiles.chmod(keyFile, "rw-r--r--");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri(uri, Environment.PRODUCTION)).getMessage())
        .contains("key file " + keyFile).contains("readable by");
  }

  @Test
  void operatingSystemRefusal_isAccessDenied_namingTheFile() {
    Failure f = SafeFiles.io(new AccessDeniedException("/run/secrets/app.env"), "/run/secrets/app.env");
    assertThat(f.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(f.getMessage()).contains("/run/secrets/app.env").contains("permission denied");
    assertThat(SafeFiles.io(new java.io.IOException("Input/output error"), "x").kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void unreadableFile_isAccessDenied_whenNotRunningAsRoot() throws Exception {
    Path file = exposedDotenv("rw-------");
    try (SecretSource s = FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT)) {
      TestFiles.chmod(file, "---------");
      // root reads anything; there the mapping is covered by operatingSystemRefusal_isAccessDenied_namingTheFile
      Assumptions.assumeFalse(Files.isReadable(file), "running as root: the file stays readable");
      assertThat(catchThrowableOfType(SecretSourceException.class,
          () -> s.fetch("TOKEN", VersionSelector.CURRENT)).kind()).isEqualTo(Kind.ACCESS_DENIED);
    }
  }

  /** Runs {@code body} with standard error captured (where slf4j-simple logs) and returns what it wrote. */
  static String captureStandardError(ThrowingRunnable body) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(original);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
