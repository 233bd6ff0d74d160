package dev.secrets4j.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests used as version ids by sources whose store has no versions of its own. */
public final class Digests {
  private Digests() {}

  /** The first 16 hex digits of the SHA-256 of {@code content}: stable for equal content, new for changed. */
  public static String versionId(byte[] content) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
