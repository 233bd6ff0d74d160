package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.file.EncryptedFiles;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypted dotenv files: round trip, tampering, wrong key, moved values, other environments, keys, tooling API. */
class EncryptedFilesTest {
  private static final String PLAINTEXT = String.join("\n",
      "# payment provider",
      "STRIPE_API_KEY=sk_test_canary1",
      "",
      "export DB_PASSWORD='pa ss # canary2'",
      "PEM=\"-----BEGIN KEY-----\\nMIIcanary3\\n-----END KEY-----\"",
      "jwt-signing-key=ünïcode-canary4 # inline comment is dropped",
      "");
  private static final List<String> VALUES = List.of("sk_test_canary1", "pa ss # canary2",
      "-----BEGIN KEY-----\nMIIcanary3\n-----END KEY-----", "ünïcode-canary4");

  @TempDir
  Path dir;
  byte[] key;
  Path plain;
  Path enc;

  @BeforeEach
  void files() throws Exception {
    key = EncryptedFiles.generateKey();
    plain = TestFiles.write(dir.resolve("production.env"), PLAINTEXT);
    enc = dir.resolve("production.env.enc");
    EncryptedFiles.encrypt(plain, enc, Environment.PRODUCTION, key);
  }

  private SecretSource source(Path file, Environment env, byte[] k) {
    return FileSecretSources.fromUri("file:" + file, env, k);
  }

  @Test
  void roundTrip_valuesEncrypted_namesAndCommentsReadable_sourceAndDecryptGiveBackEveryValue() throws Exception {
    String text = Files.readString(enc);
    assertThat(text).startsWith("# secrets4j encrypted file: version=1 environment=production key-id=")
        .contains("# payment provider", "STRIPE_API_KEY=enc:v1:", "export DB_PASSWORD=enc:v1:", "jwt-signing-key=enc:v1:")
        .doesNotContain("canary", "inline comment");
    try (SecretSource s = source(enc, Environment.PRODUCTION, key)) {
      assertThat(s.fetch("stripe-api-key", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUES.get(0));
      assertThat(s.fetch("DB_PASSWORD", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUES.get(1));
      assertThat(s.fetch("PEM", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUES.get(2));
      assertThat(s.fetch("jwt-signing-key", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUES.get(3));
    }
    Path back = dir.resolve("back.env");
    EncryptedFiles.decrypt(enc, back, Environment.PRODUCTION, key);
    assertThat(Files.readString(back)).startsWith("# payment provider\n");
    assertThat(Dotenv.toMap(Dotenv.parse(Files.readString(back))).values()).containsExactlyElementsOf(VALUES);
    assertThat(Files.getPosixFilePermissions(back)).hasSize(2); // rw-------
  }

  @Test
  void tamperingAnySingleByte_failsTheWholeFile_andNothingIsLoaded() throws Exception {
    byte[] original = Files.readAllBytes(enc);
    try (SecretSource s = source(enc, Environment.PRODUCTION, key)) {
      for (int i = 0; i < original.length; i++) {
        byte[] tampered = original.clone();
        tampered[i] ^= 0x01;
        TestFiles.write(enc, tampered, "rw-------");
        SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
            () -> s.fetch("STRIPE_API_KEY", VersionSelector.CURRENT));
        assertThat(e).as("byte %d", i).isNotNull();
        assertThat(e.kind()).as("byte %d", i).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).as("byte %d", i).contains(enc.toString()).doesNotContain("canary");
        assertThat(s.fetchAll(List.of("STRIPE_API_KEY", "DB_PASSWORD", "PEM"))).as("byte %d", i).isEmpty();
      }
      TestFiles.write(enc, original, "rw-------");
      assertThat(s.fetch("STRIPE_API_KEY", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUES.get(0));
    }
  }

  @Test
  void removedLineOrEditedComment_breaksTheSeal() throws Exception {
    String text = Files.readString(enc);
    try (SecretSource s = source(enc, Environment.PRODUCTION, key)) {
      for (String edited : List.of(text.replace("# payment provider", "# payment provider!"),
          text.replaceAll("(?m)^PEM=.*\\n", ""), text + "# appended\n")) {
        Files.writeString(enc, edited);
        assertThat(catchThrowableOfType(SecretSourceException.class,
            () -> s.fetch("STRIPE_API_KEY", VersionSelector.CURRENT)).getMessage())
            .contains("line 1: the seal does not match").contains("reseal");
      }
    }
  }

  @Test
  void wrongKey_failsAtCreation_namingTheFileAndBothKeyIds() {
    byte[] other = EncryptedFiles.generateKey();
    SecretConfigurationException e = catchThrowableOfType(SecretConfigurationException.class,
        () -> source(enc, Environment.PRODUCTION, other));
    assertThat(e.getMessage()).contains(enc.toString()).contains("encrypted with key id " + EncryptedFileOps.keyId(key))
        .contains("has id " + EncryptedFileOps.keyId(other)).doesNotContain("canary");
    assertThatThrownBy(() -> EncryptedFiles.read(enc, Environment.PRODUCTION, other))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("key id");
  }

  @Test
  void valueMovedToAnotherKey_failsNamingThatKey_evenThoughTheKeyIsRight() throws Exception {
    String text = Files.readString(enc);
    String stripe = token(text, "STRIPE_API_KEY");
    String db = token(text, "DB_PASSWORD");
    try (SecretSource s = source(enc, Environment.PRODUCTION, key)) {
      Files.writeString(enc, text.replace(stripe, "@@").replace(db, stripe).replace("@@", db));
      assertThat(catchThrowableOfType(SecretSourceException.class,
          () -> s.fetch("PEM", VersionSelector.CURRENT)).getMessage())
          .contains("the value of key 'STRIPE_API_KEY' fails authentication").contains("nothing was loaded");
    }
    FileKey k = FileKey.of(key, "test");
    assertThat(EncryptedFormat.decryptValue(k, Environment.PRODUCTION, "DB_PASSWORD", stripe)).isNull();
    assertThat(EncryptedFormat.decryptValue(k, Environment.PRODUCTION, "STRIPE_API_KEY", stripe)).isNotNull();
  }

  @Test
  void fileFromAnotherEnvironment_failsEvenWhenBothUseTheSameKey() throws Exception {
    Path staging = dir.resolve("staging.env.enc");
    EncryptedFiles.encrypt(plain, staging, Environment.STAGING, key);
    SecretConfigurationException e = catchThrowableOfType(SecretConfigurationException.class,
        () -> source(staging, Environment.PRODUCTION, key));
    assertThat(e.getMessage()).contains("encrypted for environment 'staging', but this source serves 'production'");

    // an edited header does not help: the values are bound to the environment they were encrypted for
    Files.writeString(staging, Files.readString(staging).replace("environment=staging", "environment=production"));
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> source(staging, Environment.PRODUCTION, key)).getMessage()).contains("fails authentication");
    String stagingToken = token(Files.readString(staging), "STRIPE_API_KEY");
    FileKey k = FileKey.of(key, "test");
    assertThat(EncryptedFormat.decryptValue(k, Environment.PRODUCTION, "STRIPE_API_KEY", stagingToken)).isNull();
    assertThat(EncryptedFormat.decryptValue(k, Environment.STAGING, "STRIPE_API_KEY", stagingToken)).isNotNull();
  }

  @Test
  void keyFromTheEnvironmentVariable_base64Of32Bytes() throws Exception {
    Map<String, String> env = Map.of("SECRETS4J_KEY_PRODUCTION", EncryptedFiles.encodeKey(key));
    try (SecretSource s = create("file:" + enc, Environment.PRODUCTION, env)) {
      assertThat(s.fetch("STRIPE_API_KEY", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUES.get(0));
    }
    assertThat(EncryptedFiles.keyVariable(Environment.of("qa-eu"))).isEqualTo("SECRETS4J_KEY_QA_EU");
  }

  @Test
  void missingOrMalformedKey_failsAtCreation_sayingWhereToPutIt_neverShowingIt() {
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> create("file:" + enc, Environment.PRODUCTION, Map.of())).getMessage())
        .contains("SECRETS4J_KEY_PRODUCTION").contains("EncryptedFileTool keygen").contains("?keyFile=");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> create("file:" + enc, Environment.PRODUCTION, Map.of("SECRETS4J_KEY_PRODUCTION", "not*base64!")))
        .getMessage()).contains("SECRETS4J_KEY_PRODUCTION is not base64").doesNotContain("not*base64!");
    String short16 = java.util.Base64.getEncoder().encodeToString(new byte[16]);
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> create("file:" + enc, Environment.PRODUCTION, Map.of("SECRETS4J_KEY_PRODUCTION", short16)))
        .getMessage()).contains("decodes to 16 bytes").doesNotContain(short16);
  }

  @Test
  void keyFile_base64OrRaw_butNeverTheEncryptedFileItself() throws Exception {
    Path b64 = TestFiles.write(dir.resolve("b64.key"), EncryptedFiles.encodeKey(key) + "\n");
    Path raw = TestFiles.write(dir.resolve("raw.key"), key, "r--------");
    for (Path k : List.of(b64, raw)) {
      try (SecretSource s = create("file:" + enc + "?keyFile=" + k, Environment.PRODUCTION, Map.of())) {
        assertThat(s.fetch("PEM", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUES.get(2));
      }
    }
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> create("file:" + enc + "?keyFile=" + enc, Environment.PRODUCTION, Map.of())).getMessage())
        .contains("cannot come from the encrypted file itself");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> create("file:" + plain + "?keyFile=" + b64, Environment.PRODUCTION, Map.of())).getMessage())
        .contains("keyFile= applies only to encrypted files");
  }

  @Test
  void reEncryptingAnEditedFile_changesOnlyTheEditedLine() throws Exception {
    List<String> before = Files.readAllLines(enc);
    TestFiles.write(plain, PLAINTEXT.replace("sk_test_canary1", "sk_test_canary9"));
    EncryptedFiles.encrypt(plain, enc, Environment.PRODUCTION, key);
    List<String> after = Files.readAllLines(enc);
    List<Integer> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed.add(i);
      }
    }
    assertThat(changed).containsExactly(0, 2); // the header's seal and STRIPE_API_KEY
  }

  @Test
  void set_updatesOneLine_appendsANewKey_andCreatesAMissingFile() throws Exception {
    EncryptedFiles.set(enc, Environment.PRODUCTION, key, "STRIPE_API_KEY", bytes("sk_test_new"));
    EncryptedFiles.set(enc, Environment.PRODUCTION, key, "NEW_ONE", bytes("fresh"));
    Map<String, byte[]> read = EncryptedFiles.read(enc, Environment.PRODUCTION, key);
    assertThat(read.keySet()).containsExactly("STRIPE_API_KEY", "DB_PASSWORD", "PEM", "jwt-signing-key", "NEW_ONE");
    assertThat(new String(read.get("STRIPE_API_KEY"), StandardCharsets.UTF_8)).isEqualTo("sk_test_new");
    Path fresh = dir.resolve("development.env.enc");
    EncryptedFiles.set(fresh, Environment.DEVELOPMENT, key, "ONLY", bytes("one"));
    assertThat(EncryptedFiles.read(fresh, Environment.DEVELOPMENT, key)).containsOnlyKeys("ONLY");
    assertThatThrownBy(() -> EncryptedFiles.set(enc, Environment.PRODUCTION, key, "bad name", bytes("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid key");
  }

  @Test
  void rekey_movesEveryValueToTheNewKey_keepingVersionIds() throws Exception {
    String versionBefore;
    try (SecretSource s = source(enc, Environment.PRODUCTION, key)) {
      versionBefore = s.fetch("PEM", VersionSelector.CURRENT).versionId();
    }
    byte[] newKey = EncryptedFiles.generateKey();
    EncryptedFiles.rekey(enc, Environment.PRODUCTION, key, newKey);
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> source(enc, Environment.PRODUCTION, key))).isNotNull();
    try (SecretSource s = source(enc, Environment.PRODUCTION, newKey)) {
      assertThat(s.fetch("PEM", VersionSelector.CURRENT).versionId()).isEqualTo(versionBefore);
      assertThat(s.fetch("DB_PASSWORD", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUES.get(1));
    }
    assertThat(Files.readString(enc)).contains("# payment provider");
  }

  @Test
  void reseal_acceptsAHandEditedComment_butNotAMovedValue() throws Exception {
    String text = Files.readString(enc);
    Files.writeString(enc, text.replace("# payment provider", "# payment provider (owner: team-pay)"));
    EncryptedFiles.reseal(enc, Environment.PRODUCTION, key);
    try (SecretSource s = source(enc, Environment.PRODUCTION, key)) {
      assertThat(s.fetch("PEM", VersionSelector.CURRENT).valueAsString()).isEqualTo(VALUES.get(2));
    }
    String resealed = Files.readString(enc);
    String stripe = token(resealed, "STRIPE_API_KEY");
    String db = token(resealed, "DB_PASSWORD");
    Files.writeString(enc, resealed.replace(stripe, "@@").replace(db, stripe).replace("@@", db));
    assertThatThrownBy(() -> EncryptedFiles.reseal(enc, Environment.PRODUCTION, key))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("'STRIPE_API_KEY' fails authentication");
  }

  @Test
  void formatVersions_newerHeaderOrValue_areNamedAsUnsupported() throws Exception {
    String text = Files.readString(enc);
    Files.writeString(enc, text.replaceFirst("version=1", "version=2"));
    assertThatThrownBy(() -> EncryptedFiles.read(enc, Environment.PRODUCTION, key))
        .hasMessageContaining("format version 2 is not supported");
    Files.writeString(enc, text.replaceFirst("STRIPE_API_KEY=enc:v1:", "STRIPE_API_KEY=enc:v2:"));
    assertThatThrownBy(() -> EncryptedFiles.read(enc, Environment.PRODUCTION, key))
        .hasMessageContaining("line 3: the value of key 'STRIPE_API_KEY' uses encryption format v2");
    Files.writeString(enc, text.replaceFirst("(?m)^STRIPE_API_KEY=.*$", "STRIPE_API_KEY=sk_test_plain"));
    assertThatThrownBy(() -> EncryptedFiles.read(enc, Environment.PRODUCTION, key))
        .hasMessageContaining("the value of key 'STRIPE_API_KEY' is not encrypted").hasMessageNotContaining("sk_test_plain");
    Files.writeString(enc, "STRIPE_API_KEY=x\n");
    assertThatThrownBy(() -> EncryptedFiles.read(enc, Environment.PRODUCTION, key))
        .hasMessageContaining("line 1: not a secrets4j encrypted file");
  }

  @Test
  void encryptingAnEncryptedFile_isRefused() {
    assertThatThrownBy(() -> EncryptedFiles.encrypt(enc, dir.resolve("twice.enc"), Environment.PRODUCTION, key))
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("already encrypted");
  }

  private static SecretSource create(String uri, Environment env, Map<String, String> variables) {
    return FileSources.create(SourceUri.parse(uri, env), variables::get, null);
  }

  private static String token(String text, String key) {
    for (String line : text.split("\n")) {
      String l = line.startsWith("export ") ? line.substring(7) : line;
      if (l.startsWith(key + "=")) {
        return l.substring(key.length() + 1);
      }
    }
    throw new AssertionError("no " + key);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
