package dev.secrets4j.file.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.file.EncryptedFiles;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import java.nio.file.Path;
import java.util.Map;

/** An encrypted dotenv file held to core's source contract. */
class EncryptedFileContractTest extends SingleFileContract {
  final byte[] key = EncryptedFiles.generateKey();

  @Override
  String fileName() {
    return "development.env.enc";
  }

  @Override
  String render(Map<String, String> values) {
    throw new UnsupportedOperationException("written through EncryptedFiles");
  }

  @Override
  void write(Path file) throws Exception {
    Path plain = dir.resolve("development.env");
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(Dotenv.line(k, v)).append('\n'));
    TestFiles.write(plain, sb.toString());
    EncryptedFiles.encrypt(plain, file, Environment.DEVELOPMENT, key);
  }

  @Override
  SecretSource open(Path file) {
    return FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT, key);
  }
}
