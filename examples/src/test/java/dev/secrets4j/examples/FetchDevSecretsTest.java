package dev.secrets4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.Secrets;
import dev.secrets4j.test.InMemorySecretSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchDevSecretsTest {
  @TempDir
  Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final InMemorySecretSource store = InMemorySecretSource.create();

  private int run(String env, Path manifest, Path target) {
    return FetchDevSecrets.run(new String[] {"--manifest", manifest.toString(), "--out", target.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        () -> Secrets.builder().environment(env).source(store));
  }

  @Test
  void writesTheDevelopmentValues_ownerOnly_readableBackExactly() throws IOException {
    store.put("STRIPE_API_KEY", "sk_test_abc");
    store.put("GREETING", "hello \"world\"\nline two");
    Path manifest = dir.resolve(".env.example");
    Files.writeString(manifest, "STRIPE_API_KEY=\nGREETING=\n");
    Path target = dir.resolve(".env.development");
    assertThat(run("development", manifest, target)).isZero();
    assertThat(Files.readString(target)).contains("STRIPE_API_KEY=sk_test_abc\n")
        .contains("GREETING=\"hello \\\"world\\\"\\nline two\"\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).doesNotContain("sk_test_abc");
  }

  @Test
  void refusesToRunOutsideDevelopment() throws IOException {
    store.put("STRIPE_API_KEY", "x");
    Path manifest = dir.resolve(".env.example");
    Files.writeString(manifest, "STRIPE_API_KEY=\n");
    Path target = dir.resolve(".env.development");
    assertThat(run("production", manifest, target)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing").contains("production");
    assertThat(target).doesNotExist();
  }

  @Test
  void missingRequiredSecret_writesNothing() throws IOException {
    Path manifest = dir.resolve(".env.example");
    Files.writeString(manifest, "ABSENT=\n");
    Path target = dir.resolve(".env.development");
    assertThat(run("development", manifest, target)).isEqualTo(1);
    assertThat(target).doesNotExist();
  }

  @Test
  void warnsWhenGitignoreDoesNotCoverTheFile() throws IOException {
    store.put("K", "v");
    Path manifest = dir.resolve(".env.example");
    Files.writeString(manifest, "K=\n");
    Files.writeString(dir.resolve(".gitignore"), "target/\n");
    assertThat(run("development", manifest, dir.resolve(".env.development"))).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not covered by .gitignore");
    assertThat(FetchDevSecrets.ignoredByGitignoreFile(dir.resolve(".env.development"))).isFalse();
    Files.writeString(dir.resolve(".gitignore"), ".env.*\n!.env.example\n");
    assertThat(FetchDevSecrets.ignoredByGitignoreFile(dir.resolve(".env.development"))).isTrue();
    assertThat(FetchDevSecrets.ignoredByGitignoreFile(dir.resolve(".env.example"))).isFalse();
  }
}
