package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.file.EncryptedFiles;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key files and keys: only the documented encodings of a random key, and errors that name the key file. */
class KeyFileTest {
  @TempDir
  Path dir;

  private Path enc;
  private byte[] key;

  @BeforeEach
  void encryptedFile() throws Exception {
    key = EncryptedFiles.generateKey();
    enc = dir.resolve("production.env.enc");
    EncryptedFiles.set(enc, Environment.PRODUCTION, key, "TOKEN", "v".getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"hex", "spaces", "letters", "password"})
  void thirtyTwoBytesOfText_areRefusedAsARawKey(String kind) throws Exception {
    String text = switch (kind) {
      case "hex" -> "0123456789abcdef0123456789abcdef";
      case "spaces" -> " ".repeat(32);
      case "letters" -> "a".repeat(32);
      default -> "correct-horse-battery-staple-123";
    };
    Path k = TestFiles.write(dir.resolve("production.key"), text.getBytes(StandardCharsets.US_ASCII), "rw-------");
    String message = catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + enc + "?keyFile=" + k, Environment.PRODUCTION)).getMessage();
    assertThat(message).contains("key file " + k).contains("not a random key").contains("keygen")
        .doesNotContain(text.strip().isEmpty() ? "\0" : text);
  }

  @Test
  void lowEntropyRawBytes_areRefused() throws Exception {
    byte[] raw = new byte[32];
    raw[0] = (byte) 0xFF;
    Path k = TestFiles.write(dir.resolve("production.key"), raw, "rw-------");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + enc + "?keyFile=" + k, Environment.PRODUCTION)).getMessage())
        .contains("only 2 distinct values").contains("not a random key");
  }

  @Test
  void base64OfAWeakKey_isRefused_inAFileAndInTheVariable() throws Exception {
    String weak = Base64.getEncoder().encodeToString(new byte[32]);
    Path k = TestFiles.write(dir.resolve("production.key"), weak + "\n");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + enc + "?keyFile=" + k, Environment.PRODUCTION)).getMessage())
        .contains("not a random key");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSources.create(SourceUri.parse("file:" + enc, Environment.PRODUCTION),
            Map.of("SECRETS4J_KEY_PRODUCTION", weak)::get, null)).getMessage())
        .contains("SECRETS4J_KEY_PRODUCTION").contains("not a random key").doesNotContain(weak);
  }

  @Test
  void hexOfAKey_isRefusedWithAHint() throws Exception {
    Path k = TestFiles.write(dir.resolve("production.key"), java.util.HexFormat.of().formatHex(key) + "\n");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + enc + "?keyFile=" + k, Environment.PRODUCTION)).getMessage())
        .contains("looks like hex");
  }

  @Test
  void weakKeyGivenInCode_isRefused() {
    assertThat(catchThrowableOfType(IllegalArgumentException.class,
        () -> FileSecretSources.fromUri("file:" + enc, Environment.PRODUCTION, new byte[32])).getMessage())
        .contains("not a random key");
  }

  @Test
  void randomKey_rawOrBase64_isAccepted() throws Exception {
    Path raw = TestFiles.write(dir.resolve("raw.key"), key, "rw-------");
    Path b64 = TestFiles.write(dir.resolve("b64.key"), EncryptedFiles.encodeKey(key) + "\n");
    for (Path k : new Path[] {raw, b64}) {
      try (SecretSource s = FileSecretSources.fromUri("file:" + enc + "?keyFile=" + k, Environment.PRODUCTION)) {
        assertThat(s.fetch("TOKEN", VersionSelector.CURRENT).valueAsString()).isEqualTo("v");
      }
    }
  }

  @Test
  void exposedKeyFile_errorTellsHowToFixTheKeyFile_notTheEncryptedFile() throws Exception {
    Path k = TestFiles.write(dir.resolve("production.key"),
        (EncryptedFiles.encodeKey(key) + "\n").getBytes(StandardCharsets.US_ASCII), "rw-r--r--");
    String message = catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + enc + "?keyFile=" + k, Environment.PRODUCTION)).getMessage();
    assertThat(message).contains("key file " + k).contains("chmod 600 " + k).doesNotContain("chmod 600 " + enc);
  }
}
