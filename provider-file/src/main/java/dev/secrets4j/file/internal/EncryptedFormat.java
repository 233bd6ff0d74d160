package dev.secrets4j.file.internal;

import dev.secrets4j.Environment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypted dotenv files, format version 1.
 *
 * <pre>
 * # secrets4j encrypted file: version=1 environment=production key-id=3f9a1c0e5b7d2a4c seal=&lt;43 base64url&gt;
 * STRIPE_API_KEY=enc:v1:&lt;base64url(nonce ‖ ciphertext ‖ tag)&gt;
 * </pre>
 *
 * <ul>
 *   <li>Each value: AES-256-GCM, a random 96-bit nonce, 128-bit tag, associated data
 *       {@code "secrets4j/v1" 0 environment 0 key}: a value moved to another key or copied into another
 *       environment's file does not decrypt.</li>
 *   <li>The header's seal: HMAC-SHA256 over the version, environment, key id and every line after the header
 *       (line ends normalised to LF, trailing line ends ignored): an added, removed or edited line, comments
 *       included, is detected.</li>
 *   <li>Names and comments stay readable; every value must be encrypted.</li>
 * </ul>
 */
final class EncryptedFormat {
  static final int VERSION = 1;
  static final String HEADER_PREFIX = "# secrets4j encrypted file:";
  static final String VALUE_PREFIX = "enc:v1:";
  private static final Pattern HEADER = Pattern.compile(Pattern.quote(HEADER_PREFIX)
      + " version=1 environment=([a-z][a-z0-9-]{0,31}) key-id=([0-9a-f]{16}) seal=([A-Za-z0-9_-]{43})");
  private static final Pattern HEADER_VERSION = Pattern.compile(Pattern.quote(HEADER_PREFIX) + " version=(\\d{1,6})\\b.*");
  private static final Pattern OTHER_VALUE_VERSION = Pattern.compile("enc:v(\\d{1,6}):.*", Pattern.DOTALL);
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private EncryptedFormat() {}

  /** A parsed, not yet verified file. */
  static final class Document {
    final String environment;
    final String keyId;
    final String seal;
    /** The lines after the header, canonical (LF, no trailing line ends). */
    final String body;
    final List<Dotenv.Entry> entries;

    Document(String environment, String keyId, String seal, String body, List<Dotenv.Entry> entries) {
      this.environment = environment;
      this.keyId = keyId;
      this.seal = seal;
      this.body = body;
      this.entries = entries;
    }

    @Override
    public String toString() {
      return "EncryptedFormat.Document[environment=" + environment + ", key-id=" + keyId + ", " + entries.size()
          + " entries]";
    }
  }

  /** True when the text starts like an encrypted file (after an optional byte order mark). */
  static boolean looksEncrypted(String text) {
    String t = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    return t.startsWith(HEADER_PREFIX);
  }

  /**
   * Parses the structure: the header and the entries, each of which must hold an encrypted value.
   *
   * @param text decoded by {@link Text#decodeUtf8} (LF line ends, no BOM)
   */
  static Document parse(String text) throws MalformedContentException {
    int nl = text.indexOf('\n');
    String header = nl < 0 ? text : text.substring(0, nl);
    String body = nl < 0 ? "" : canonical(text.substring(nl + 1));
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      if (!header.startsWith(HEADER_PREFIX)) {
        throw new MalformedContentException("line 1: not a secrets4j encrypted file; its first line must be the '"
            + HEADER_PREFIX + " ...' header that EncryptedFileTool encrypt writes");
      }
      Matcher v = HEADER_VERSION.matcher(header);
      if (v.matches() && !v.group(1).equals(String.valueOf(VERSION))) {
        throw new MalformedContentException("line 1: encrypted file format version " + v.group(1)
            + " is not supported by this version of secrets4j-provider-file (it reads version " + VERSION
            + "); upgrade it");
      }
      throw new MalformedContentException("line 1: malformed encrypted-file header; expected '" + HEADER_PREFIX
          + " version=1 environment=NAME key-id=16 hex digits seal=43 base64url characters'");
    }
    List<Dotenv.Entry> entries = Dotenv.parse(body, 2);
    for (Dotenv.Entry e : entries) {
      if (!e.value.startsWith(VALUE_PREFIX)) {
        Matcher ov = OTHER_VALUE_VERSION.matcher(e.value);
        if (ov.matches()) {
          throw new MalformedContentException("line " + e.line + ": the value of key '" + e.key
              + "' uses encryption format v" + ov.group(1) + ", which this version of secrets4j-provider-file "
              + "does not read (it reads v" + VERSION + ")");
        }
        throw new MalformedContentException("line " + e.line + ": the value of key '" + e.key
            + "' is not encrypted; every value in an encrypted file must be (add values with EncryptedFileTool set)");
      }
      if (decodeToken(e.value) == null) {
        throw new MalformedContentException("line " + e.line + ": the encrypted value of key '" + e.key
            + "' is malformed (expected " + VALUE_PREFIX + " followed by base64url of at least "
            + (NONCE + TAG_BITS / 8) + " bytes)");
      }
    }
    return new Document(m.group(1), m.group(2), m.group(3), body, entries);
  }

  /**
   * Verifies and decrypts a whole file for {@code environment} with {@code key}: the environment and key id in the
   * header, every value, then the seal. All or nothing: on any failure no value is returned.
   *
   * @return key to decrypted value, in file order
   */
  static Map<String, byte[]> open(Document doc, Environment environment, FileKey key) throws MalformedContentException {
    checkEnvironmentAndKey(doc, environment, key);
    Map<String, byte[]> out = new LinkedHashMap<>();
    try {
      for (Dotenv.Entry e : doc.entries) {
        byte[] value = decryptValue(key, environment, e.key, e.value);
        if (value == null) {
          throw new MalformedContentException("line " + e.line + ": the value of key '" + e.key
              + "' fails authentication: it was altered, moved from another key, or copied from another "
              + "environment's file; nothing was loaded");
        }
        out.put(e.key, value);
      }
      if (!MessageDigest.isEqual(seal(environment, key, doc.body).getBytes(StandardCharsets.US_ASCII),
          doc.seal.getBytes(StandardCharsets.US_ASCII))) {
        throw new MalformedContentException("line 1: the seal does not match the file: lines were added, removed "
            + "or edited outside EncryptedFileTool; nothing was loaded (if the edit was yours, run EncryptedFileTool "
            + "reseal on the file)");
      }
      return out;
    } catch (MalformedContentException e) {
      out.values().forEach(v -> Arrays.fill(v, (byte) 0));
      throw e;
    }
  }

  /** The environment and key-id checks of {@link #open}, which give the clearest message first. */
  static void checkEnvironmentAndKey(Document doc, Environment environment, FileKey key)
      throws MalformedContentException {
    if (!doc.environment.equals(environment.name())) {
      throw new MalformedContentException("line 1: the file was encrypted for environment '" + doc.environment
          + "', but this source serves '" + environment.name() + "'; use " + environment.name()
          + "'s own encrypted file");
    }
    if (!doc.keyId.equals(key.id())) {
      throw new MalformedContentException("line 1: the file was encrypted with key id " + doc.keyId
          + ", but the key from " + key.origin() + " has id " + key.id() + "; use the key the file was encrypted "
          + "with (or rekey the file to this one)");
    }
  }

  /** The header line for a body. */
  static String header(Environment environment, FileKey key, String body) {
    return HEADER_PREFIX + " version=" + VERSION + " environment=" + environment.name() + " key-id=" + key.id()
        + " seal=" + seal(environment, key, canonical(body));
  }

  /** A whole file: header, then the body. */
  static String render(Environment environment, FileKey key, String body) {
    String b = canonical(body);
    return header(environment, key, b) + "\n" + (b.isEmpty() ? "" : b + "\n");
  }

  /** Line ends normalised to LF, trailing line ends dropped. */
  static String canonical(String body) {
    String b = Text.normalizeNewlines(body);
    int end = b.length();
    while (end > 0 && b.charAt(end - 1) == '\n') {
      end--;
    }
    return b.substring(0, end);
  }

  static String seal(Environment environment, FileKey key, String canonicalBody) {
    byte[] mac = FileKey.hmac(key.sealKey(),
        ("secrets4j encrypted file seal v" + VERSION).getBytes(StandardCharsets.UTF_8), new byte[] {0},
        environment.name().getBytes(StandardCharsets.UTF_8), new byte[] {0},
        key.id().getBytes(StandardCharsets.UTF_8), new byte[] {0},
        canonicalBody.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }

  /** {@code enc:v1:...} for one value of key {@code name}. */
  static String encryptValue(FileKey key, Environment environment, String name, byte[] plaintext) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.valueKey(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(environment, name));
      byte[] ct = c.doFinal(plaintext);
      byte[] out = ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
      return VALUE_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
    }
  }

  /** The plaintext, or null when the value does not authenticate for this key, environment and name. */
  static byte[] decryptValue(FileKey key, Environment environment, String name, String token) {
    byte[] raw = decodeToken(token);
    if (raw == null) {
      return null;
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.valueKey(), "AES"),
          new GCMParameterSpec(TAG_BITS, raw, 0, NONCE));
      c.updateAAD(aad(environment, name));
      return c.doFinal(raw, NONCE, raw.length - NONCE);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
    }
  }

  private static byte[] decodeToken(String token) {
    if (!token.startsWith(VALUE_PREFIX)) {
      return null;
    }
    String b64 = token.substring(VALUE_PREFIX.length());
    if (!b64.matches("[A-Za-z0-9_-]*")) {
      return null;
    }
    try {
      byte[] raw = Base64.getUrlDecoder().decode(b64);
      return raw.length >= NONCE + TAG_BITS / 8 ? raw : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] aad(Environment environment, String name) {
    return ("secrets4j/v" + VERSION + "\0" + environment.name() + "\0" + name).getBytes(StandardCharsets.UTF_8);
  }
}
