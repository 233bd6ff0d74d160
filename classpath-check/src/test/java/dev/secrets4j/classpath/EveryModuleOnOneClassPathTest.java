package dev.secrets4j.classpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.test.aws.LocalSecretsManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every published module in one JVM, as an application that uses them all has them: every provider is found, and a
 * source of every scheme builds (the AWS one also reads, from the test kit's local server).
 */
class EveryModuleOnOneClassPathTest {
  @TempDir Path dir;

  @Test
  void serviceLoader_findsAProviderForEveryScheme() {
    Set<String> schemes = new TreeSet<>();
    for (SecretSourceProvider provider : ServiceLoader.load(SecretSourceProvider.class)) {
      schemes.addAll(provider.schemes());
    }
    assertThat(schemes).contains("env", "memory", "file", "dir", "aws-sm", "gcp-sm", "azure-kv");
  }

  @Test
  void aSourceOfEverySchemeBuilds_inOneJvm() throws Exception {
    Path dotenv = dir.resolve("development.env");
    Files.writeString(dotenv, "greeting=hello\n");
    Files.setPosixFilePermissions(dotenv, PosixFilePermissions.fromString("rw-------"));
    Path mounted = Files.createDirectory(dir.resolve("mounted"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(mounted.resolve("greeting"), "hello");
    Files.setPosixFilePermissions(mounted.resolve("greeting"), PosixFilePermissions.fromString("rw-------"));

    try (LocalSecretsManager aws = LocalSecretsManager.start()) {
      aws.put("dev/greeting", "hello");
      String[] uris = {
        "env:?prefix=CLASSPATH_CHECK_",
        "memory:classpath-check",
        "file:" + dotenv,
        "dir:" + mounted,
        "aws-sm://us-east-1?prefix=dev/&endpoint=" + aws.endpoint(),
        "gcp-sm://myapp-dev?endpoint=127.0.0.1:1&plaintext=true",
        "azure-kv://myapp-dev-kv",
      };
      for (String uri : uris) {
        try (Secrets secrets = Secrets.builder().environment("development").source("development", uri).build()) {
          assertThat(secrets.detection().environment().name()).isEqualTo("development");
          if (!uri.startsWith("env:") && !uri.startsWith("memory:") && !uri.startsWith("gcp-sm:")
              && !uri.startsWith("azure-kv:")) {
            assertThat(secrets.get("greeting").asString()).as(uri).isEqualTo("hello");
          }
        }
      }
    }
  }
}
