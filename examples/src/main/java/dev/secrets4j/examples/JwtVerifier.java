package dev.secrets4j.examples;

import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies HS256 JSON Web Tokens against the current signing key and, during a rotation's overlap, the previous
 * one: tokens signed just before the rotation keep verifying until they expire. New tokens are signed with the
 * current key only. (Claims checking — expiry, audience — is left to a real JWT library.)
 */
public final class JwtVerifier {
  private final Secrets secrets;
  private final String keyName;

  public JwtVerifier(Secrets secrets, String keyName) {
    this.secrets = secrets;
    this.keyName = keyName;
  }

  /** Signs {@code payloadJson} with the current key. */
  public String sign(String payloadJson) {
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body = b64(payloadJson.getBytes(StandardCharsets.UTF_8));
    String input = header + "." + body;
    return input + "." + b64(hmac(secrets.get(keyName), input));
  }

  /** True when the token's signature matches the current or the previous key. */
  public boolean verify(String token) {
    int last = token.lastIndexOf('.');
    if (last < 0 || token.indexOf('.') == last) {
      return false;
    }
    String input = token.substring(0, last);
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(token.substring(last + 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
    List<Secret> keys = secrets.versions(keyName);
    for (Secret key : keys) {
      if (MessageDigest.isEqual(hmac(key, input), signature)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] hmac(Secret key, String input) {
    byte[] k = key.asBytes();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(k, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    } finally {
      java.util.Arrays.fill(k, (byte) 0);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
