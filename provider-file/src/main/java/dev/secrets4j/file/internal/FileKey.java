package dev.secrets4j.file.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One environment's 256-bit key for encrypted files, held as the subkeys derived from it (HKDF-Expand with
 * HMAC-SHA256, one block each): one for AES-256-GCM values, one for the file seal, and a short public id that
 * lets an error say "wrong key" instead of "tampered". {@link #toString()} shows the id and origin only.
 */
final class FileKey {
  static final int LENGTH = 32;
  static final String GENERATE_HINT = "a key file holds the base64 of 32 random bytes (or those 32 bytes): make one "
      + "with 'EncryptedFileTool keygen --out FILE'";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] valueKey;
  private final byte[] sealKey;
  private final String id;
  private final String origin;

  private FileKey(byte[] raw, String origin) {
    this.valueKey = expand(raw, "secrets4j file value key v1");
    this.sealKey = expand(raw, "secrets4j file seal key v1");
    this.id = HexFormat.of().formatHex(expand(raw, "secrets4j file key id v1"), 0, 8);
    this.origin = origin;
  }

  /** A key from 32 raw bytes (copied); {@code origin} says where it came from, for messages. */
  static FileKey of(byte[] raw, String origin) {
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException("a key must be " + LENGTH + " bytes (AES-256), was " + raw.length);
    }
    return new FileKey(raw, origin);
  }

  /** 32 random bytes from {@link SecureRandom}. */
  static byte[] generate() {
    byte[] k = new byte[LENGTH];
    RANDOM.nextBytes(k);
    return k;
  }

  /** The standard base64 text of {@code raw}. */
  static String encode(byte[] raw) {
    return Base64.getEncoder().encodeToString(raw);
  }

  /**
   * Decodes base64 text (standard or URL alphabet, padding optional, surrounding blanks ignored) that must be 32
   * bytes of a random key ({@link #requireRandom}).
   *
   * @throws IllegalArgumentException saying what is wrong, never showing the text
   */
  static byte[] decode(String text) {
    String t = text.strip().replace('-', '+').replace('_', '/');
    while (t.endsWith("=")) {
      t = t.substring(0, t.length() - 1);
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not base64");
    }
    if (raw.length != LENGTH) {
      Arrays.fill(raw, (byte) 0);
      throw new IllegalArgumentException("decodes to " + raw.length + " bytes, but an AES-256 key is " + LENGTH
          + " bytes (" + ((LENGTH + 2) / 3 * 4) + " base64 characters)"
          + (t.matches("[0-9a-fA-F]{64}") ? "; it looks like hex, but the key is written in base64" : ""));
    }
    requireRandom(raw, "decodes to");
    return raw;
  }

  /**
   * Refuses 32 bytes that cannot be a random key: all printable text (32 hex digits, a password, 32 spaces) or
   * fewer than 16 distinct byte values (32 {@code a}s, zeros). A random key is all printable with a probability
   * under 10<sup>-13</sup> and has fewer than 16 distinct values with a far smaller one.
   *
   * @throws IllegalArgumentException (after zeroing {@code raw}) saying what is wrong, never showing the bytes
   */
  static void requireRandom(byte[] raw, String what) {
    boolean[] seen = new boolean[256];
    int distinct = 0;
    boolean text = true;
    for (byte b : raw) {
      int v = b & 0xFF;
      if (!seen[v]) {
        seen[v] = true;
        distinct++;
      }
      text &= (v >= 0x20 && v < 0x7F) || v == '\t' || v == '\n' || v == '\r';
    }
    if (text || distinct < 16) {
      Arrays.fill(raw, (byte) 0);
      throw new IllegalArgumentException(what + (text ? " 32 bytes of printable text" : " 32 bytes with only "
          + distinct + " distinct values") + ", which is not a random key; " + GENERATE_HINT);
    }
  }

  /**
   * A key file's content: base64 text of 32 bytes, or exactly 32 raw bytes; neither may be text or low-entropy
   * ({@link #requireRandom}).
   *
   * @throws IllegalArgumentException saying what is wrong, never showing the content
   */
  static byte[] fromFileContent(byte[] content) {
    if (content.length == LENGTH) {
      // base64 of 32 bytes is 43 or 44 characters, so 32 bytes can only be the raw key
      byte[] raw = content.clone();
      requireRandom(raw, "holds");
      return raw;
    }
    return decode(new String(content, StandardCharsets.US_ASCII));
  }

  String id() {
    return id;
  }

  String origin() {
    return origin;
  }

  byte[] valueKey() {
    return valueKey;
  }

  byte[] sealKey() {
    return sealKey;
  }

  /** Zeroes the subkeys; the key is unusable afterwards. */
  void destroy() {
    Arrays.fill(valueKey, (byte) 0);
    Arrays.fill(sealKey, (byte) 0);
  }

  static byte[] hmac(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] p : parts) {
        mac.update(p);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] expand(byte[] raw, String info) {
    return hmac(raw, info.getBytes(StandardCharsets.UTF_8), new byte[] {1});
  }

  @Override
  public String toString() {
    return "FileKey[id=" + id + ", from " + origin + "]";
  }
}
