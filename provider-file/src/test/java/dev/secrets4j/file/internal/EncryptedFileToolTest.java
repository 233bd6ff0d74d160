package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.Environment;
import dev.secrets4j.file.EncryptedFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: keygen, encrypt, decrypt, set, rekey, reseal; exit codes; no value on standard error. */
class EncryptedFileToolTest {
  @TempDir
  Path dir;
  final Map<String, String> env = new HashMap<>();

  /** One run's exit status and output. */
  static final class Run {
    final int status;
    final String out;
    final String err;

    Run(int status, String out, String err) {
      this.status = status;
      this.out = out;
      this.err = err;
    }
  }

  Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = EncryptedFileCli.run(args, env::get,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  String newKey() {
    Run r = run("", "keygen");
    assertThat(r.status).isZero();
    return r.out.strip();
  }

  @Test
  void keygen_printsBase64Of32RandomBytes_orWritesAnOwnerOnlyFileItNeverOverwrites() throws Exception {
    String a = newKey();
    assertThat(java.util.Base64.getDecoder().decode(a)).hasSize(32);
    assertThat(newKey()).isNotEqualTo(a);
    Path keyFile = dir.resolve("production.key");
    Run r = run("", "keygen", "--out", keyFile.toString());
    assertThat(r.status).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    assertThat(r.err).contains("key id").doesNotContain(Files.readString(keyFile).strip());
    assertThat(run("", "keygen", "--out", keyFile.toString()).status).isEqualTo(EncryptedFileCli.FAILED);
  }

  @Test
  void encryptThenDecrypt_roundTrips_withTheEnvironmentFromTheFileName_andTheKeyFromItsVariable() throws Exception {
    env.put("SECRETS4J_KEY_PRODUCTION", newKey());
    Path plain = TestFiles.write(dir.resolve("production.env"), "# db\nDB_PASSWORD='tool canary 1'\nAPI=tool-canary-2\n");
    Run enc = run("", "encrypt", plain.toString());
    assertThat(enc.status).as(enc.err).isZero();
    Path encrypted = dir.resolve("production.env.enc");
    assertThat(Files.readString(encrypted)).contains("environment=production").doesNotContain("canary");
    assertThat(enc.err).contains("environment: production (from the file name").contains("wrote " + encrypted)
        .doesNotContain("canary");

    Run dec = run("", "decrypt", encrypted.toString());
    assertThat(dec.status).isZero();
    assertThat(dec.out).isEqualTo("# db\nDB_PASSWORD='tool canary 1'\nAPI=tool-canary-2\n");
    assertThat(dec.err).doesNotContain("canary");
  }

  @Test
  void set_readsTheValueFromStandardInput_withoutItsTrailingNewline() throws Exception {
    env.put("SECRETS4J_KEY_STAGING", newKey());
    Path file = dir.resolve("staging.env.enc");
    Run created = run("first-canary\n", "set", file.toString(), "TOKEN");
    assertThat(created.status).as(created.err).isZero();
    assertThat(created.err).contains("created").doesNotContain("canary");
    assertThat(run("second-canary\r\n", "set", file.toString(), "OTHER").status).isZero();
    Map<String, byte[]> values = EncryptedFiles.read(file, Environment.STAGING,
        java.util.Base64.getDecoder().decode(env.get("SECRETS4J_KEY_STAGING")));
    assertThat(new String(values.get("TOKEN"), StandardCharsets.UTF_8)).isEqualTo("first-canary");
    assertThat(new String(values.get("OTHER"), StandardCharsets.UTF_8)).isEqualTo("second-canary");
    assertThat(run("", "set", file.toString(), "EMPTY").status).isEqualTo(EncryptedFileCli.FAILED);
  }

  @Test
  void rekey_switchesTheFileToTheNewKey_andTheOldKeyThenFails() throws Exception {
    env.put("SECRETS4J_KEY_PRODUCTION", newKey());
    Path file = dir.resolve("app.env.enc");
    assertThat(run("v-canary", "set", file.toString(), "K", "--env", "prod").status).isZero();
    Path newKey = dir.resolve("new.key");
    assertThat(run("", "keygen", "--out", newKey.toString()).status).isZero();
    Run r = run("", "rekey", file.toString(), "--new-key-file", newKey.toString());
    assertThat(r.status).as(r.err).isZero();
    assertThat(r.err).contains("deploy the new key before this file");

    Run old = run("", "decrypt", file.toString());
    assertThat(old.status).isEqualTo(EncryptedFileCli.FAILED);
    assertThat(old.err).contains(file.toString()).contains("key id").doesNotContain("v-canary");
    Run now = run("", "decrypt", file.toString(), "--key-file", newKey.toString());
    assertThat(now.out).isEqualTo("K=v-canary\n");
  }

  @Test
  void reseal_afterAHandEdit_letsTheFileOpenAgain() throws Exception {
    env.put("SECRETS4J_KEY_DEVELOPMENT", newKey());
    Path file = dir.resolve("development.env.enc");
    assertThat(run("x", "set", file.toString(), "K").status).isZero();
    Files.writeString(file, Files.readString(file) + "# added by hand\n");
    assertThat(run("", "decrypt", file.toString()).err).contains("seal does not match");
    assertThat(run("", "reseal", file.toString()).status).isZero();
    assertThat(run("", "decrypt", file.toString()).out).isEqualTo("K=x\n# added by hand\n");
  }

  @Test
  void decryptToAFile_isOwnerOnly() throws Exception {
    env.put("SECRETS4J_KEY_DEVELOPMENT", newKey());
    Path file = dir.resolve("development.env.enc");
    assertThat(run("x", "set", file.toString(), "K").status).isZero();
    Path out = dir.resolve("plain.env");
    assertThat(run("", "decrypt", file.toString(), "--out", out.toString()).status).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
    assertThat(Files.readString(out)).isEqualTo("K=x\n");
  }

  @Test
  void wrongCommandLines_exitWithUsage() {
    for (String[] args : new String[][] {{}, {"explode"}, {"encrypt"}, {"decrypt", "a", "b"}, {"keygen", "--nope"},
        {"decrypt", "f", "--env"}, {"rekey", "f"}, {"keygen", "--env", "prod"}}) {
      Run r = run("", args);
      assertThat(r.status).as(String.join(" ", args)).isEqualTo(EncryptedFileCli.USAGE);
      assertThat(r.err).startsWith("error: ").contains("usage:");
    }
    assertThat(run("", "--help").status).isZero();
  }

  @Test
  void missingKeyOrEnvironment_failsSayingWhatToSet() throws Exception {
    Path plain = TestFiles.write(dir.resolve("secrets.env"), "A=1\n");
    assertThat(run("", "encrypt", plain.toString()).err).contains("add --env ENV");
    assertThat(run("", "encrypt", plain.toString(), "--env", "staging").err)
        .contains("set SECRETS4J_KEY_STAGING").contains("--key-file");
  }
}
