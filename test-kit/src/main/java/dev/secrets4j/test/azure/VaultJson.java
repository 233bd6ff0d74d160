package dev.secrets4j.test.azure;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Key Vault's JSON: secret bundles, attributes, error bodies, and the answer's headers; query strings. */
final class VaultJson {
  private VaultJson() {}

  /** A secret bundle: value (when asked), content type, id, attributes, tags. */
  static Map<String, Object> bundle(String base, String name, StoredVersion v, boolean withValue) {
    Map<String, Object> b = new LinkedHashMap<>();
    if (withValue) {
      b.put("value", v.value);
    }
    if (v.contentType != null) {
      b.put("contentType", v.contentType);
    }
    b.put("id", base + "/secrets/" + name + "/" + v.id);
    b.put("attributes", attributes(v));
    b.put("tags", new LinkedHashMap<>(v.tags));
    return b;
  }

  /** A deleted secret bundle: where to recover it, when it was deleted and will be purged, its latest version. */
  static Map<String, Object> deletedBundle(String base, StoredSecret s, StoredVersion latest) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("recoveryId", base + "/deletedsecrets/" + s.name);
    b.put("deletedDate", s.deletedDate);
    b.put("scheduledPurgeDate", s.scheduledPurgeDate);
    b.putAll(bundle(base, s.name, latest, false));
    return b;
  }

  static Map<String, Object> attributes(StoredVersion v) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("enabled", v.enabled);
    if (v.nbf != null) {
      a.put("nbf", v.nbf);
    }
    if (v.exp != null) {
      a.put("exp", v.exp);
    }
    a.put("created", v.created);
    a.put("updated", v.updated);
    a.put("recoveryLevel", "Recoverable+Purgeable");
    a.put("recoverableDays", 90);
    return a;
  }

  /** Sets {@code enabled}, {@code exp} and {@code nbf} from an {@code attributes} member, where present. */
  static void applyAttributes(StoredVersion v, Object attrs) {
    if (!(attrs instanceof Map)) {
      return;
    }
    Map<?, ?> a = (Map<?, ?>) attrs;
    if (a.get("enabled") instanceof Boolean) {
      v.enabled = (Boolean) a.get("enabled");
    }
    if (a.containsKey("exp")) {
      v.exp = a.get("exp") == null ? null : ((Number) a.get("exp")).longValue();
    }
    if (a.containsKey("nbf")) {
      v.nbf = a.get("nbf") == null ? null : ((Number) a.get("nbf")).longValue();
    }
  }

  static void applyTags(StoredVersion v, Object tags) {
    if (tags instanceof Map) {
      v.tags.clear();
      ((Map<?, ?>) tags).forEach((k, t) -> v.tags.put(String.valueOf(k), String.valueOf(t)));
    }
  }

  static void error(HttpExchange ex, RecordedRequest req, int status, String code, String message, String inner)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (inner != null) {
      error.put("innererror", Map.of("code", inner));
    }
    respond(ex, req, status, Map.of("error", error));
  }

  static void respond(HttpExchange ex, RecordedRequest req, int status, Map<String, Object> json) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (JsonWriter w = JsonProviders.createWriter(buf)) {
      w.writeUntyped(json);
      w.flush();
    }
    byte[] bytes = buf.toByteArray();
    ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().add("x-ms-keyvault-service-version", "1.9.0.0");
    req.status(status);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(byte[] body) throws IOException {
    if (body.length == 0) {
      return Map.of();
    }
    try (JsonReader r = JsonProviders.createReader(body)) {
      r.nextToken();
      Object o = r.readUntyped();
      return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }
}
