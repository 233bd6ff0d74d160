package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guard 5 compares normalised store identities across every environment the configuration names. */
class SharedSourceTest {
  @TempDir
  Path dir;
  ClassLoader withLocalFiles;

  @BeforeEach
  void registerLocalFilesProvider() throws IOException {
    Path services = dir.resolve("cp/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve("dev.secrets4j.spi.SecretSourceProvider"),
        LocalFilesProvider.class.getName() + "\n");
    withLocalFiles = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
  }

  private SecretsBuilder in(String env) {
    return Secrets.builder().environment(env).manualMaintenance().classLoader(withLocalFiles);
  }

  private void assertShared(SecretsBuilder b) {
    assertThatThrownBy(b::build).isInstanceOf(EnvironmentViolationException.class)
        .hasMessageContaining("[shared-source]").hasMessageContaining("is configured for both");
  }

  @Test
  void defaultSource_isComparedWithEachEnvironmentsOwn() {
    assertShared(in("development").source("production", "memory:one-store").source("memory:one-store"));
  }

  @Test
  void defaultSourceWithEnv_givesEachEnvironmentItsOwnStore() {
    assertThatCode(() -> in("development").source("production", "memory:store-production")
        .source("memory:store-{env}").build().close()).doesNotThrowAnyException();
  }

  @Test
  void loneDefaultSource_isNotComparedWithEnvironmentsTheConfigurationNeverNames() {
    assertThatCode(() -> in("development").source("memory:laptop").build().close()).doesNotThrowAnyException();
  }

  @Test
  void differentSpellingsOfOneRemoteStore_areOneStore() {
    assertShared(in("development").source("development", "memory:dev")
        .source("staging", "aws-sm://us-east-1?prefix=app/").source("production", "aws-sm://US-EAST-1/?prefix=app%2F&"));
    assertShared(in("development").source("development", "memory:dev")
        .source("staging", "gcp-sm://my-project?b=2&a=1").source("production", "gcp-sm://my-project/?a=1&b=2"));
  }

  @Test
  void differentSpellingsOfOnePath_areOneStore_evenWithoutAProviderOnTheClassPath() {
    assertShared(in("development").source("development", "memory:dev")
        .source("staging", "file:/srv/app/./secrets.env").source("production", "file:///srv/app//secrets.env"));
  }

  @Test
  void aLocalFileProvider_comparesRealPaths_relativeAndThroughSymbolicLinks() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.writeString(real.resolve("secrets.env"), "A=1\n");
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    assertShared(in("development").source("localfile:" + real.resolve("secrets.env"))
        .source("production", "localfile:" + link.resolve("secrets.env")));
    Path cwdRelative = Path.of("").toAbsolutePath().relativize(real.resolve("secrets.env"));
    assertShared(in("development").source("development", "localfile:./" + cwdRelative)
        .source("production", "localfile://" + real.resolve("secrets.env")));
  }

  @Test
  void processEnvironmentVariables_areNeverOneStoreForTwoEnvironments() {
    assertThatCode(() -> in("development").source("env:").source("production", "env:").build().close())
        .doesNotThrowAnyException();
  }

  @Test
  void sharedSourceWarnOnly_builds() {
    try (Secrets s = in("development").source("production", "memory:one").source("memory:one").guards()
        .sharedSource(GuardOptions.Mode.WARN).and().build()) {
      assertThat(s.sourceId()).isEqualTo("memory:one");
    }
  }
}
