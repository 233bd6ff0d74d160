package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.SecretNotFoundException;
import dev.secrets4j.Secrets;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URI forms and parameters, formats, metadata, versions and error kinds, through the resolver where it matters. */
class FileSourcesTest {
  @TempDir
  Path dir;

  private static SecretSource create(String uri) {
    return FileSecretSources.fromUri(uri, Environment.DEVELOPMENT);
  }

  @Test
  void envPlaceholder_picksTheDetectedEnvironmentsFile_throughTheServiceLoadedProvider() throws Exception {
    TestFiles.write(dir.resolve("staging.env"), "API_KEY=staging-value\n");
    TestFiles.write(dir.resolve("development.env"), "API_KEY=development-value\n");
    try (Secrets secrets = Secrets.builder().source("file:" + dir + "/{env}.env").environment("stg").build()) {
      assertThat(secrets.get("api-key").asString()).isEqualTo("staging-value");
      assertThat(secrets.sourceId()).isEqualTo("file:" + dir + "/staging.env");
    }
  }

  @Test
  void relativeAndTripleSlashPaths_areAccepted() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=1\n");
    Path relative = Path.of("").toAbsolutePath().relativize(file);
    for (String uri : List.of("file:" + relative, "file://" + file, "file://localhost" + file)) {
      try (SecretSource s = create(uri)) {
        assertThat(s.fetch("A", VersionSelector.CURRENT).valueAsString()).as(uri).isEqualTo("1");
        assertThat(s.id()).isEqualTo(uri);
      }
    }
  }

  @Test
  void hostInAFileUri_isRefused_showingBothRightForms() {
    assertThat(catchThrowableOfType(SecretConfigurationException.class, () -> create("file://config/secrets/x.env"))
        .getMessage()).contains("'config'").contains("file:config/secrets/x.env").contains("file:/config/secrets/x.env");
  }

  @Test
  void missingFile_failsAtCreation_withTheAbsolutePathAndWorkingDirectory() {
    SecretConfigurationException e = catchThrowableOfType(SecretConfigurationException.class,
        () -> create("file:no/such/development.env"));
    assertThat(e.getMessage()).contains("no/such/development.env does not exist")
        .contains("working directory " + Path.of("").toAbsolutePath());
    assertThat(catchThrowableOfType(SecretConfigurationException.class, () -> create("dir:" + dir + "/nope"))
        .getMessage()).contains("the directory " + dir + "/nope does not exist");
  }

  @Test
  void dirSchemeOnAFile_isRefused_pointingToFileScheme() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=1\n");
    assertThat(catchThrowableOfType(SecretConfigurationException.class, () -> create("dir:" + file)).getMessage())
        .contains("is a file, not a directory; use file:" + file);
  }

  @Test
  void format_comesFromTheFileName_orFormatParameter_elseAClearError() throws Exception {
    TestFiles.write(dir.resolve(".env.development"), "A=dotenv\n");
    TestFiles.write(dir.resolve("secrets.txt"), "A=dotenv-by-param\n");
    TestFiles.write(dir.resolve("app.conf"), "A: properties-by-param\n");
    try (SecretSource s = create("file:" + dir + "/.env.development")) {
      assertThat(s.fetch("A", VersionSelector.CURRENT).valueAsString()).isEqualTo("dotenv");
    }
    try (SecretSource s = create("file:" + dir + "/secrets.txt?format=dotenv")) {
      assertThat(s.fetch("A", VersionSelector.CURRENT).valueAsString()).isEqualTo("dotenv-by-param");
    }
    try (SecretSource s = create("file:" + dir + "/app.conf?format=properties")) {
      assertThat(s.fetch("A", VersionSelector.CURRENT).valueAsString()).isEqualTo("properties-by-param");
    }
    assertThat(catchThrowableOfType(SecretConfigurationException.class, () -> create("file:" + dir + "/secrets.txt"))
        .getMessage()).contains("cannot be told from its name").contains("?format=").contains(Format.VALID);
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> create("file:" + dir + "/secrets.txt?format=yaml")).getMessage()).contains("format=yaml")
        .contains(Format.VALID);
  }

  @Test
  void unknownParameter_isRefused_listingTheValidOnes() throws Exception {
    TestFiles.write(dir.resolve("development.env"), "A=1\n");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> create("file:" + dir + "/development.env?refresh=1s")).getMessage())
        .contains("unknown parameter 'refresh'").contains("maxSize").contains("keyFile");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> create("dir:" + dir + "?format=json")).getMessage()).contains("unknown parameter 'format'");
  }

  @Test
  void fileOverTheSizeLimit_isRefused_andMaxSizeRaisesTheLimit() throws Exception {
    Path big = TestFiles.write(dir.resolve("development.env"), "A=" + "x".repeat(2000) + "\n");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> create("file:" + big + "?maxSize=1KiB")).getMessage())
        .contains("is 2003 bytes, over the size limit of 1024 bytes").contains("maxSize=");
    try (SecretSource s = create("file:" + big + "?maxSize=4KiB")) {
      assertThat(s.fetch("A", VersionSelector.CURRENT).length()).isEqualTo(2000);
      TestFiles.write(big, "A=" + "x".repeat(5000) + "\n");
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("A", VersionSelector.CURRENT))
          .kind()).isEqualTo(Kind.PERMANENT);
    }
    TestFiles.write(dir.resolve("blob"), "y".repeat(1024 * 1024 + 1));
    try (SecretSource s = create("dir:" + dir)) {
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("blob", VersionSelector.CURRENT))
          .getMessage()).contains("over the size limit of 1048576 bytes");
    }
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> create("dir:" + dir + "?maxSize=lots")).getMessage()).contains("maxSize=lots");
    assertThat(SafeFiles.parseSize("2MiB")).isEqualTo(2 * 1024 * 1024);
    assertThat(SafeFiles.parseSize("512")).isEqualTo(512);
    assertThatThrownBy(() -> SafeFiles.parseSize("1024MiB")).hasMessageContaining("64MiB");
  }

  @Test
  void json_membersNestedPathsAndFields_readAsTheIssueDescribes() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.json"), String.join("\n",
        "{",
        "  \"stripe-api-key\": \"sk_test_1\",",
        "  \"database\": {\"username\": \"app\", \"password\": \"pw\", \"port\": 5432},",
        "  \"a.b\": \"top-level wins\",",
        "  \"a\": {\"b\": \"nested\"},",
        "  \"ratio\": 1.50,",
        "  \"enabled\": true,",
        "  \"hosts\": [\"h1\", \"h2\"],",
        "  \"unset\": null",
        "}"));
    try (Secrets secrets = Secrets.builder().source("file:" + file).environment("development").build()) {
      assertThat(secrets.get("stripe-api-key").asString()).isEqualTo("sk_test_1");
      assertThat(secrets.get("database.password").asString()).isEqualTo("pw");
      assertThat(secrets.get("database#username").asString()).isEqualTo("app");
      assertThat(secrets.get("database").asString()).isEqualTo("{\"username\":\"app\",\"password\":\"pw\",\"port\":5432}");
      assertThat(secrets.get("a.b").asString()).isEqualTo("top-level wins");
      assertThat(secrets.get("ratio").asString()).isEqualTo("1.50");
      assertThat(secrets.get("enabled").asString()).isEqualTo("true");
      assertThat(secrets.get("hosts").asString()).isEqualTo("[\"h1\",\"h2\"]");
      assertThatThrownBy(() -> secrets.get("unset")).isInstanceOf(SecretNotFoundException.class);
      assertThatThrownBy(() -> secrets.get("database.missing")).isInstanceOf(SecretNotFoundException.class);
    }
  }

  @Test
  void json_duplicateMembersAndTrailingContent_areErrorsWithLineAndColumn() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.json"), "{\"a\": \"1\"}\n");
    try (SecretSource s = create("file:" + file)) {
      TestFiles.write(file, "{\"a\": \"1\",\n \"a\": \"json-canary\"}");
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("a", VersionSelector.CURRENT))
          .getMessage()).contains("line 2, column 2: member 'a' is defined twice").doesNotContain("json-canary");
      TestFiles.write(file, "{\"a\": \"1\"} {\"b\": 2}");
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("a", VersionSelector.CURRENT))
          .getMessage()).contains("unexpected content after the top-level object");
      TestFiles.write(file, "[\"json-canary\"]");
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("a", VersionSelector.CURRENT))
          .getMessage()).contains("the top level must be a JSON object").doesNotContain("json-canary");
      TestFiles.write(file, "{\"a\": json-canary}");
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("a", VersionSelector.CURRENT))
          .getMessage()).contains("line 1, column").contains("malformed JSON").doesNotContain("json-canary");
    }
  }

  @Test
  void properties_standardSyntax_readAsUtf8_duplicatesRefused() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.properties"),
        "# c\n! c\ndb.password = pw\nkey:value\nspaced value\nlong=one \\\n    two\nunicode=caf\\u00e9 ✓\n");
    try (SecretSource s = create("file:" + file)) {
      Map<String, String> expected = Map.of("db.password", "pw", "key", "value", "spaced", "value", "long", "one two",
          "unicode", "café ✓");
      for (Map.Entry<String, String> e : expected.entrySet()) {
        assertThat(s.fetch(e.getKey(), VersionSelector.CURRENT).valueAsString()).isEqualTo(e.getValue());
      }
      TestFiles.write(file, "a=1\na=props-canary\n");
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("a", VersionSelector.CURRENT))
          .getMessage()).contains("key 'a' is defined more than once").doesNotContain("props-canary");
      TestFiles.write(file, "a=\\u12G4\n");
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("a", VersionSelector.CURRENT))
          .getMessage()).contains("malformed \\uXXXX escape");
    }
  }

  @Test
  void versions_idIsAContentDigest_previousAndOtherIdsAreNotFound() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=one\nB=one\n");
    try (SecretSource s = create("file:" + file)) {
      String a = s.fetch("A", VersionSelector.CURRENT).versionId();
      assertThat(s.fetch("B", VersionSelector.CURRENT).versionId()).isEqualTo(a);
      assertThat(s.fetch("A", VersionSelector.id(a)).valueAsString()).isEqualTo("one");
      SecretSourceException previous = catchThrowableOfType(SecretSourceException.class,
          () -> s.fetch("A", VersionSelector.PREVIOUS));
      assertThat(previous.kind()).isEqualTo(Kind.NOT_FOUND);
      assertThat(previous.getMessage()).contains("keeps only the current value");
      TestFiles.write(file, "A=one\nB=two\n");
      assertThat(s.fetch("A", VersionSelector.CURRENT).versionId()).as("a change to B leaves A's version").isEqualTo(a);
      assertThat(s.fetch("B", VersionSelector.CURRENT).versionId()).isNotEqualTo(a);
    }
  }

  @Test
  void metadata_isTheLastModifiedTime() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=1\n");
    try (SecretSource s = create("file:" + file)) {
      SecretMetadata m = s.metadata("A").orElseThrow();
      assertThat(m.lastChanged()).contains(Files.getLastModifiedTime(file).toInstant());
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.metadata("missing")).kind())
          .isEqualTo(Kind.NOT_FOUND);
    }
  }

  @Test
  void fileRemovedAfterStart_isTransient_andTheResolverKeepsServingTheLastGoodValue() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=last-good\n");
    SecretSource source = create("file:" + file);
    FakeTicker ticker = new FakeTicker();
    try (Secrets secrets = Secrets.builder().source(source).environment("development").ticker(ticker)
        .refreshRateLimit(Duration.ZERO).build()) {
      assertThat(secrets.get("A").asString()).isEqualTo("last-good");
      Files.delete(file);
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> source.fetch("A", VersionSelector.CURRENT));
      assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
      assertThat(e.getMessage()).contains(file + " does not exist (any more)");
      ticker.advance(Duration.ofSeconds(5));
      assertThat(secrets.refresh("A").asString()).isEqualTo("last-good");
      assertThat(secrets.get("A").asString()).isEqualTo("last-good");
    }
  }

  @Test
  void fileTurnedMalformed_resolverKeepsServingTheLastGoodValue_andPicksUpTheFix() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=last-good\n");
    FakeTicker ticker = new FakeTicker();
    try (Secrets secrets = Secrets.builder().source("file:" + file).environment("development").ticker(ticker)
        .refreshRateLimit(Duration.ZERO).build()) {
      assertThat(secrets.get("A").asString()).isEqualTo("last-good");
      TestFiles.write(file, "A='unterminated\n");
      ticker.advance(Duration.ofSeconds(5));
      assertThat(secrets.refresh("A").asString()).isEqualTo("last-good");
      TestFiles.write(file, "A=fixed\n");
      ticker.advance(Duration.ofMinutes(2));
      assertThat(secrets.refresh("A").asString()).isEqualTo("fixed");
    }
  }

  @Test
  void fetchAll_readsTheFileOnce_forEveryName_andLeavesOutMissingOnes() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=1\nB=2\n");
    try (SecretSource s = create("file:" + file)) {
      assertThat(s.fetchAll(List.of("A", "B", "C"))).containsOnlyKeys("A", "B");
      Files.delete(file);
      assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetchAll(List.of("A", "B"))).kind())
          .isEqualTo(Kind.TRANSIENT);
    }
  }

  @Test
  void keyGivenInCode_forAFileThatIsNotEncrypted_isRefused() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=1\n");
    byte[] key = new byte[32];
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT, key)).getMessage())
        .contains("a key applies only to encrypted files");
    assertThat(catchThrowableOfType(SecretConfigurationException.class,
        () -> FileSecretSources.fromUri("dir:" + dir, Environment.DEVELOPMENT, key)).getMessage())
        .contains("a key applies only to encrypted files");
  }

  @Test
  void closedSource_failsPermanently() throws Exception {
    Path file = TestFiles.write(dir.resolve("development.env"), "A=1\n");
    SecretSource s = create("file:" + file);
    s.close();
    assertThat(catchThrowableOfType(SecretSourceException.class, () -> s.fetch("A", VersionSelector.CURRENT))
        .getMessage()).contains("the source is closed");
  }

  @Test
  void provider_declaresBothSchemes_andIsRegisteredForTheServiceLoader() {
    assertThat(new FileSourceProvider().schemes()).containsExactlyInAnyOrder("file", "dir");
    assertThat(java.util.ServiceLoader.load(dev.secrets4j.spi.SecretSourceProvider.class).stream()
        .map(p -> p.type().getName())).contains(FileSourceProvider.class.getName());
  }
}
