package dev.secrets4j.file.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating, opening and rewriting encrypted files, for {@link dev.secrets4j.file.EncryptedFiles} and the command
 * line tool. Public for them; not API. Content errors are {@link SecretConfigurationException}s naming the file,
 * the line and the key; values never appear in them.
 */
public final class EncryptedFileOps {
  /** The most a plaintext or encrypted file may hold: 16 MiB. */
  static final long MAX_FILE = 16L * 1024 * 1024;

  private EncryptedFileOps() {}

  /** What {@link #open} gives: the decrypted values, in file order. Zero them with {@link #wipe}. */
  public static final class Opened {
    private final Map<String, byte[]> values;

    Opened(Map<String, byte[]> values) {
      this.values = values;
    }

    /** Key to value; the arrays belong to this object. */
    public Map<String, byte[]> values() {
      return values;
    }

    /** Zeroes every value. */
    public void wipe() {
      values.values().forEach(v -> Arrays.fill(v, (byte) 0));
    }

    @Override
    public String toString() {
      return "Opened[" + values.size() + " values]";
    }
  }

  /**
   * Encrypts a plaintext dotenv text for {@code environment}. Comments and blank lines are kept (readable, sealed);
   * inline comments are dropped. Where {@code previous} (an encrypted text, or null) opens with the same key and
   * holds the same value for a key, its ciphertext is kept, so that re-encrypting an edited file changes only the
   * lines that changed.
   */
  public static String encrypt(String plaintext, String fileName, Environment environment, byte[] key,
      String keyOrigin, String previous) {
    String text = decode(plaintext);
    if (EncryptedFormat.looksEncrypted(text)) {
      throw new SecretConfigurationException(fileName + " is already encrypted");
    }
    FileKey k = FileKey.of(key, keyOrigin);
    Map<String, String> keep = new HashMap<>();
    try {
      List<Dotenv.Entry> entries = parse(() -> Dotenv.parse(text), fileName);
      if (previous != null) {
        keep = reusable(previous, environment, k);
      }
      String[] lines = text.split("\n", -1);
      StringBuilder body = new StringBuilder();
      int next = 1;
      for (Dotenv.Entry e : entries) {
        for (; next < e.line; next++) {
          body.append(lines[next - 1]).append('\n');
        }
        byte[] value = e.value.getBytes(StandardCharsets.UTF_8);
        String token = keep.get(e.key + "\0" + e.value);
        if (token == null) {
          token = EncryptedFormat.encryptValue(k, environment, e.key, value);
        }
        Arrays.fill(value, (byte) 0);
        body.append(e.exported ? "export " : "").append(e.key).append('=').append(token).append('\n');
        next = e.lastLine + 1;
      }
      for (; next <= lines.length; next++) {
        body.append(lines[next - 1]).append('\n');
      }
      return EncryptedFormat.render(environment, k, body.toString());
    } finally {
      k.destroy();
    }
  }

  /** Existing tokens by key and plaintext, when {@code previous} opens with {@code key}; else none. */
  private static Map<String, String> reusable(String previous, Environment environment, FileKey key) {
    Map<String, String> out = new HashMap<>();
    try {
      EncryptedFormat.Document doc = EncryptedFormat.parse(Text.decodeUtf8(previous.getBytes(StandardCharsets.UTF_8)));
      Map<String, byte[]> values = EncryptedFormat.open(doc, environment, key);
      for (Dotenv.Entry e : doc.entries) {
        byte[] v = values.get(e.key);
        String plain = utf8OrNull(v);
        if (plain != null) {
          out.put(e.key + "\0" + plain, e.value);
        }
        Arrays.fill(v, (byte) 0);
      }
    } catch (MalformedContentException e) {
      // another key, environment or a damaged file: nothing to keep
    }
    return out;
  }

  /** Verifies and decrypts a whole encrypted text. */
  public static Opened open(String encrypted, String fileName, Environment environment, byte[] key, String keyOrigin) {
    FileKey k = FileKey.of(key, keyOrigin);
    try {
      return new Opened(parse(() -> {
        EncryptedFormat.Document doc = EncryptedFormat.parse(Text.decodeUtf8(bytes(encrypted)));
        return EncryptedFormat.open(doc, environment, k);
      }, fileName));
    } finally {
      k.destroy();
    }
  }

  /** The plaintext dotenv text of an encrypted text: its comments, with every value decrypted and quoted. */
  public static String decrypt(String encrypted, String fileName, Environment environment, byte[] key,
      String keyOrigin) {
    FileKey k = FileKey.of(key, keyOrigin);
    try {
      EncryptedFormat.Document doc = document(encrypted, fileName);
      Map<String, byte[]> values = parse(() -> EncryptedFormat.open(doc, environment, k), fileName);
      try {
        return rewrite(doc, e -> {
          String plain = utf8OrNull(values.get(e.key));
          if (plain == null) {
            throw new SecretConfigurationException(fileName + " line " + e.line + ": the value of key '" + e.key
                + "' is not UTF-8 text, so it cannot be written as dotenv");
          }
          try {
            return Dotenv.line(e.key, plain);
          } catch (IllegalArgumentException ex) {
            throw new SecretConfigurationException(fileName + " line " + e.line + ": key '" + e.key + "': "
                + ex.getMessage());
          }
        });
      } finally {
        values.values().forEach(v -> Arrays.fill(v, (byte) 0));
      }
    } finally {
      k.destroy();
    }
  }

  /** The same file encrypted with {@code newKey}: every value re-encrypted, comments kept. */
  public static String rekey(String encrypted, String fileName, Environment environment, byte[] oldKey,
      String oldOrigin, byte[] newKey, String newOrigin) {
    FileKey oldK = FileKey.of(oldKey, oldOrigin);
    FileKey newK = FileKey.of(newKey, newOrigin);
    try {
      EncryptedFormat.Document doc = document(encrypted, fileName);
      Map<String, byte[]> values = parse(() -> EncryptedFormat.open(doc, environment, oldK), fileName);
      try {
        String body = rewrite(doc, e -> (e.exported ? "export " : "") + e.key + "="
            + EncryptedFormat.encryptValue(newK, environment, e.key, values.get(e.key)));
        return EncryptedFormat.render(environment, newK, body);
      } finally {
        values.values().forEach(v -> Arrays.fill(v, (byte) 0));
      }
    } finally {
      oldK.destroy();
      newK.destroy();
    }
  }

  /**
   * Sets one value: replaces the key's line, or appends one. {@code encrypted} null or empty starts a new file.
   * The rest of the file must verify first.
   */
  public static String set(String encrypted, String fileName, Environment environment, byte[] key, String keyOrigin,
      String name, byte[] value) {
    if (!Dotenv.KEY.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + Text.showName(name) + "' is not a valid key: " + Dotenv.KEY_RULE);
    }
    FileKey k = FileKey.of(key, keyOrigin);
    try {
      String token = EncryptedFormat.encryptValue(k, environment, name, value);
      if (encrypted == null || encrypted.isEmpty()) {
        return EncryptedFormat.render(environment, k, name + "=" + token);
      }
      EncryptedFormat.Document doc = document(encrypted, fileName);
      parse(() -> EncryptedFormat.open(doc, environment, k), fileName).values().forEach(v -> Arrays.fill(v, (byte) 0));
      boolean[] found = {false};
      String body = rewrite(doc, e -> {
        if (!e.key.equals(name)) {
          return null;
        }
        found[0] = true;
        return (e.exported ? "export " : "") + name + "=" + token;
      });
      if (!found[0]) {
        body = EncryptedFormat.canonical(body) + (EncryptedFormat.canonical(body).isEmpty() ? "" : "\n") + name + "="
            + token;
      }
      return EncryptedFormat.render(environment, k, body);
    } finally {
      k.destroy();
    }
  }

  /**
   * A new seal for a file edited by hand (comments, removed lines, merged branches): every value must still
   * authenticate under its key and this environment; what the old seal protected beyond that is accepted as is.
   */
  public static String reseal(String encrypted, String fileName, Environment environment, byte[] key,
      String keyOrigin) {
    FileKey k = FileKey.of(key, keyOrigin);
    try {
      EncryptedFormat.Document doc = document(encrypted, fileName);
      parse(() -> {
        EncryptedFormat.checkEnvironmentAndKey(doc, environment, k);
        for (Dotenv.Entry e : doc.entries) {
          byte[] v = EncryptedFormat.decryptValue(k, environment, e.key, e.value);
          if (v == null) {
            throw new MalformedContentException("line " + e.line + ": the value of key '" + e.key
                + "' fails authentication (altered, moved from another key, or from another environment's file); "
                + "the file is not resealed");
          }
          Arrays.fill(v, (byte) 0);
        }
        return null;
      }, fileName);
      return EncryptedFormat.render(environment, k, doc.body);
    } finally {
      k.destroy();
    }
  }

  /** The environment named in an encrypted text's header, if it has a well-formed one. */
  public static Optional<String> environmentOf(String encrypted) {
    try {
      return Optional.of(EncryptedFormat.parse(Text.decodeUtf8(bytes(encrypted))).environment);
    } catch (MalformedContentException e) {
      return Optional.empty();
    }
  }

  /** The key id of a 32-byte key, as an encrypted file's header shows it. */
  public static String keyId(byte[] key) {
    FileKey k = FileKey.of(key, "");
    try {
      return k.id();
    } finally {
      k.destroy();
    }
  }

  /** 32 random bytes. */
  public static byte[] generateKey() {
    return FileKey.generate();
  }

  /** The standard base64 text of a key. */
  public static String encodeKey(byte[] key) {
    return FileKey.encode(key);
  }

  /**
   * A key from a key file's bytes: base64 text of 32 bytes, or the 32 bytes.
   *
   * @throws IllegalArgumentException saying what is wrong, prefixed by {@code origin}, never showing the text
   */
  public static byte[] decodeKey(byte[] content, String origin) {
    try {
      return FileKey.fromFileContent(content);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + " " + e.getMessage());
    }
  }

  /**
   * A key from base64 text (an environment variable).
   *
   * @throws IllegalArgumentException saying what is wrong, prefixed by {@code origin}, never showing the text
   */
  public static byte[] decodeKeyText(String text, String origin) {
    try {
      return FileKey.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + " " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A step that may find the content malformed. */
  private interface Step<T> {
    T run() throws MalformedContentException;
  }

  private static <T> T parse(Step<T> step, String fileName) {
    try {
      return step.run();
    } catch (MalformedContentException e) {
      throw new SecretConfigurationException(fileName + " " + e.getMessage());
    }
  }

  private static EncryptedFormat.Document document(String encrypted, String fileName) {
    return parse(() -> EncryptedFormat.parse(Text.decodeUtf8(bytes(encrypted))), fileName);
  }

  /** Normalises a text as the parsers see it (no BOM, LF). */
  private static String decode(String text) {
    String t = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    return Text.normalizeNewlines(t);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8OrNull(byte[] v) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(v)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A line rewriter: the new text for an entry's lines, or null to keep them. */
  private interface EntryRewrite {
    String apply(Dotenv.Entry e);
  }

  /** The body of {@code doc} with each entry's lines replaced by {@code rewrite}'s text where it gives one. */
  private static String rewrite(EncryptedFormat.Document doc, EntryRewrite rewrite) {
    String[] lines = doc.body.isEmpty() ? new String[0] : doc.body.split("\n", -1);
    StringBuilder out = new StringBuilder();
    int next = 2; // file line of lines[0]
    for (Dotenv.Entry e : doc.entries) {
      for (; next < e.line; next++) {
        out.append(lines[next - 2]).append('\n');
      }
      String replaced = rewrite.apply(e);
      if (replaced == null) {
        for (; next <= e.lastLine; next++) {
          out.append(lines[next - 2]).append('\n');
        }
      } else {
        out.append(replaced).append('\n');
        next = e.lastLine + 1;
      }
    }
    for (; next - 2 < lines.length; next++) {
      out.append(lines[next - 2]).append('\n');
    }
    return out.toString();
  }
}
