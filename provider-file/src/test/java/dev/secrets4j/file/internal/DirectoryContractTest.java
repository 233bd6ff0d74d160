package dev.secrets4j.file.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.test.SecretSourceContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A directory with one file per secret held to core's source contract. */
class DirectoryContractTest extends SecretSourceContract {
  @TempDir
  Path dir;

  @Override
  protected Fixture createFixture() {
    SecretSource src = FileSecretSources.fromUri("dir:" + dir, Environment.DEVELOPMENT);
    return new Fixture() {
      @Override
      public SecretSource source() {
        return src;
      }

      @Override
      public void close() {
        src.close();
      }

      @Override
      public void put(String name, String value) throws Exception {
        TestFiles.write(dir.resolve(name), value.getBytes(StandardCharsets.UTF_8), "rw-------");
      }

      @Override
      public void revoke(String name) throws Exception {
        java.nio.file.Files.delete(dir.resolve(name));
      }
    };
  }

  @Override
  protected boolean keepsPreviousVersions() {
    return false;
  }
}
