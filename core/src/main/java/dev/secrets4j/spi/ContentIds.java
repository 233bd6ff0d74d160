package dev.secrets4j.spi;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Version ids for sources whose store has no versions of its own: equal for equal content, new for changed
 * content. Keyed with a random per-process key, so an id that reaches an audit log cannot be used to confirm a
 * guessed value offline; ids are therefore stable within one process only (rotation detection needs no more).
 */
final class ContentIds {
  private static final byte[] KEY = new byte[32];

  static {
    new SecureRandom().nextBytes(KEY);
  }

  private ContentIds() {}

  /** 16 hex digits of HMAC-SHA256(process key, content). */
  static String versionId(byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(content), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
