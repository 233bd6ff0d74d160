package dev.secrets4j.file.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.test.SecretSourceContract;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Core's source contract for one file of secrets that every put rewrites whole, as an operator edits it. */
abstract class SingleFileContract extends SecretSourceContract {
  @TempDir
  Path dir;
  final Map<String, String> values = new LinkedHashMap<>();

  abstract String fileName();

  abstract String render(Map<String, String> values) throws Exception;

  SecretSource open(Path file) {
    return FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT);
  }

  @Override
  protected Fixture createFixture() throws Exception {
    Path file = dir.resolve(fileName());
    write(file);
    SecretSource src = open(file);
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
        values.put(name, value);
        write(file);
      }

      @Override
      public void revoke(String name) throws Exception {
        values.remove(name); // an operator takes the leaked key out of the file
        write(file);
      }
    };
  }

  void write(Path file) throws Exception {
    TestFiles.write(file, render(values));
  }

  @Override
  protected boolean keepsPreviousVersions() {
    return false;
  }
}
