package dev.secrets4j.test.aws;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Typed reads of a request's members, and the paging tokens, with the errors AWS gives for bad ones. */
final class Requests {
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private Requests() {}

  static String requiredString(Map<String, Object> req, String key) throws AwsError {
    String v = optionalString(req, key);
    if (v == null || v.isEmpty()) {
      throw AwsError.invalidParameter("You must provide " + key + ".");
    }
    return v;
  }

  static String optionalString(Map<String, Object> req, String key) throws AwsError {
    Object v = req.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String)) {
      throw new AwsError(400, "SerializationException", key + " must be a string");
    }
    return (String) v;
  }

  static byte[] optionalBinary(Map<String, Object> req, String key) throws AwsError {
    String v = optionalString(req, key);
    if (v == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw new AwsError(400, "SerializationException", key + " must be base64");
    }
  }

  static List<String> optionalStrings(Map<String, Object> req, String key) throws AwsError {
    Object v = req.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List)) {
      throw new AwsError(400, "SerializationException", key + " must be a list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  /** {@code MaxResults}, 1 to 100, default 100. */
  static int maxResults(Map<String, Object> req) throws AwsError {
    int max = req.get("MaxResults") == null ? 100 : ((BigDecimal) req.get("MaxResults")).intValue();
    if (max < 1 || max > 100) {
      throw AwsError.invalidParameter("MaxResults must be between 1 and 100.");
    }
    return max;
  }

  /** The version id a put asks for ({@code ClientRequestToken}, 32 to 64 characters), or a new one. */
  static String tokenOrNew(Map<String, Object> req) throws AwsError {
    String token = optionalString(req, "ClientRequestToken");
    if (token == null) {
      return UUID.randomUUID().toString();
    }
    if (token.length() < 32 || token.length() > 64) {
      throw AwsError.invalidParameter("ClientRequestToken must be 32 to 64 characters long.");
    }
    return token;
  }

  /** Where a page starts: the index a {@code NextToken} carries, or 0. */
  static int pageStart(Map<String, Object> req) throws AwsError {
    String token = optionalString(req, "NextToken");
    if (token == null) {
      return 0;
    }
    try {
      return Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new AwsError(400, "InvalidNextTokenException", "The NextToken value is invalid.");
    }
  }

  /** The {@code NextToken} of a page that ends before {@code end}. */
  static String nextToken(int end) {
    return B64.encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8));
  }
}
