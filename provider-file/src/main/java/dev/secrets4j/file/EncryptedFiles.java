package dev.secrets4j.file;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.file.internal.EncryptedFileOps;
import dev.secrets4j.file.internal.FileSources;
import dev.secrets4j.file.internal.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Creates, reads and re-keys encrypted secrets files: dotenv files whose names stay readable and whose values are
 * encrypted one by one with AES-256-GCM under one environment's 32-byte key, bound to their name and environment,
 * and sealed as a whole (an added, removed or edited line is detected). {@code file:secrets/{env}.env.enc} reads
 * them.
 *
 * <p>Keys are 32 bytes; the source takes them, base64-encoded, from {@code SECRETS4J_KEY_<ENV>} (see
 * {@link #keyVariable}) or from {@code ?keyFile=}. Content problems (malformed file, wrong key, wrong environment,
 * tampering) throw {@link SecretConfigurationException} naming the file, the line and the key; no message holds a
 * value. Files are written through a temporary file and an atomic rename; plaintext files are made
 * {@code rw-------}.
 */
public final class EncryptedFiles {
  private EncryptedFiles() {}

  /** A new random 32-byte key. */
  public static byte[] generateKey() {
    return EncryptedFileOps.generateKey();
  }

  /** The base64 text of a key, as {@code SECRETS4J_KEY_<ENV>} and key files hold it. */
  public static String encodeKey(byte[] key) {
    requireKey(key);
    return EncryptedFileOps.encodeKey(key);
  }

  /** The environment variable the source reads the key from: {@code SECRETS4J_KEY_PRODUCTION}. */
  public static String keyVariable(Environment environment) {
    return FileSources.keyVariable(Objects.requireNonNull(environment, "environment"));
  }

  /**
   * Encrypts the dotenv file {@code plaintext} into {@code encrypted} for {@code environment}. Comments and blank
   * lines are kept, readable; inline comments are dropped. If {@code encrypted} exists and opens with the same key,
   * unchanged values keep their ciphertext, so a diff shows only what changed.
   */
  public static void encrypt(Path plaintext, Path encrypted, Environment environment, byte[] key) throws IOException {
    requireKey(key);
    String previous = Files.exists(encrypted) ? TextFiles.readText(encrypted) : null;
    String out = EncryptedFileOps.encrypt(TextFiles.readText(plaintext), plaintext.toString(),
        Objects.requireNonNull(environment, "environment"), key, "the key given in code", previous);
    TextFiles.writeAtomically(encrypted, out, false);
  }

  /** Decrypts {@code encrypted} into the dotenv file {@code plaintext} ({@code rw-------}), comments kept. */
  public static void decrypt(Path encrypted, Path plaintext, Environment environment, byte[] key) throws IOException {
    requireKey(key);
    String out = EncryptedFileOps.decrypt(TextFiles.readText(encrypted), encrypted.toString(),
        Objects.requireNonNull(environment, "environment"), key, "the key given in code");
    TextFiles.writeAtomically(plaintext, out, true);
  }

  /**
   * Every value of {@code encrypted}, verified and decrypted, by key in file order. The caller owns the arrays
   * and should zero them when done.
   */
  public static Map<String, byte[]> read(Path encrypted, Environment environment, byte[] key) throws IOException {
    requireKey(key);
    EncryptedFileOps.Opened opened = EncryptedFileOps.open(TextFiles.readText(encrypted), encrypted.toString(),
        Objects.requireNonNull(environment, "environment"), key, "the key given in code");
    return new LinkedHashMap<>(opened.values());
  }

  /**
   * Sets one value in {@code encrypted}, creating the file if it does not exist; the rest of the file must verify
   * with {@code key} first. {@code name} is a dotenv key ({@code STRIPE_API_KEY}, {@code stripe-api-key}).
   */
  public static void set(Path encrypted, Environment environment, byte[] key, String name, byte[] value)
      throws IOException {
    requireKey(key);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    String previous = Files.exists(encrypted) ? TextFiles.readText(encrypted) : null;
    String out = EncryptedFileOps.set(previous, encrypted.toString(), Objects.requireNonNull(environment, "environment"),
        key, "the key given in code", name, value);
    TextFiles.writeAtomically(encrypted, out, false);
  }

  /**
   * Re-encrypts every value of {@code encrypted} with {@code newKey}, in place. Deploy the new key before the
   * re-keyed file: the file then opens only with the new key.
   */
  public static void rekey(Path encrypted, Environment environment, byte[] oldKey, byte[] newKey) throws IOException {
    requireKey(oldKey);
    requireKey(newKey);
    String out = EncryptedFileOps.rekey(TextFiles.readText(encrypted), encrypted.toString(),
        Objects.requireNonNull(environment, "environment"), oldKey, "the old key", newKey, "the new key");
    TextFiles.writeAtomically(encrypted, out, false);
  }

  /**
   * Re-seals {@code encrypted} after its comments or lines were edited by hand (or branches merged): every value
   * must still decrypt under its own name and this environment; the new seal then covers the file as it is.
   */
  public static void reseal(Path encrypted, Environment environment, byte[] key) throws IOException {
    requireKey(key);
    String out = EncryptedFileOps.reseal(TextFiles.readText(encrypted), encrypted.toString(),
        Objects.requireNonNull(environment, "environment"), key, "the key given in code");
    TextFiles.writeAtomically(encrypted, out, false);
  }

  private static void requireKey(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != 32) {
      throw new IllegalArgumentException("a key must be 32 bytes (AES-256), was " + key.length);
    }
    if (allZero(key)) {
      throw new IllegalArgumentException("the key is all zero bytes; was it wiped, or never filled?");
    }
  }

  private static boolean allZero(byte[] key) {
    byte[] zero = new byte[key.length];
    return Arrays.equals(key, zero);
  }
}
