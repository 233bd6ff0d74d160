package dev.secrets4j.test.azure;

import static dev.secrets4j.test.azure.VaultJson.error;
import static dev.secrets4j.test.azure.VaultJson.respond;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Key Vault secrets REST API as the Java SDK uses it: records the request, demands {@code api-version},
 * answers the bearer challenge, plays a matching {@link Fault}, then routes {@code PUT /secrets/{name}},
 * {@code PATCH /secrets/{name}/{version}}, {@code GET /secrets/{name}/[version]} and
 * {@code GET /secrets/{name}/versions}.
 */
final class VaultHandler {
  private static final Pattern NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");

  private final Vault vault;
  private final Faults faults;
  private final CountDownLatch closing;
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  volatile String base;
  volatile String acceptedToken = TestCredential.TOKEN;
  volatile boolean denyAll;
  volatile int pageSize = 25;

  VaultHandler(Vault vault, Faults faults, CountDownLatch closing) {
    this.vault = vault;
    this.faults = faults;
    this.closing = closing;
  }

  void handle(HttpExchange ex) {
    try {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      Map<String, String> query = VaultJson.query(ex.getRequestURI().getRawQuery());
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      RecordedRequest req = new RecordedRequest(method, path, query.get("api-version"), auth != null);
      requests.add(req);
      if (query.get("api-version") == null) {
        error(ex, req, 400, "BadParameter", "The request URI contains an invalid API version or none.", null);
        return;
      }
      if (auth == null || !auth.equals("Bearer " + acceptedToken)) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
            + LocalKeyVault.TENANT + "\", resource=\"" + LocalKeyVault.RESOURCE + "\"");
        error(ex, req, 401, "Unauthorized", auth == null ? "AKV10000: Request is missing a Bearer or PoP token."
            : "AKV10032: Invalid issuer.", null);
        return;
      }
      if (!path.startsWith("/secrets/")) {
        error(ex, req, 404, "NotFound", "Unknown path.", null);
        return;
      }
      String[] parts = path.substring("/secrets/".length()).split("/", -1);
      String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      String second = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
      req.operation(operation(method, second));
      if (play(ex, req, faults.take(req.operation(), name))) {
        return;
      }
      if (denyAll) {
        error(ex, req, 403, "Forbidden", "Caller is not authorized to perform action on resource. Action:"
            + " 'Microsoft.KeyVault/vaults/secrets/getSecret/action'", "ForbiddenByRbac");
        return;
      }
      if (!NAME.matcher(name).matches() || parts.length > 2 && !(parts.length == 3 && parts[2].isEmpty())) {
        error(ex, req, 400, "BadParameter", "The request URI contains an invalid name: " + name, null);
        return;
      }
      route(ex, req, method, name, second, query, body);
    } catch (IOException | RuntimeException e) {
      // the client went away (timed out, dropped); nothing to answer
    } finally {
      ex.close();
    }
  }

  private static String operation(String method, String second) {
    switch (method) {
      case "GET":
        return second.equals("versions") ? "GetSecretVersions" : "GetSecret";
      case "PUT":
        return "SetSecret";
      case "PATCH":
        return "UpdateSecret";
      default:
        return method;
    }
  }

  /** Plays {@code f}; true when the exchange is finished, false to answer normally. */
  private boolean play(HttpExchange ex, RecordedRequest req, Fault f) throws IOException {
    if (f == null) {
      return false;
    }
    req.fault(f.toString());
    switch (f.kind) {
      case STATUS:
        if (f.retryAfter != null) {
          ex.getResponseHeaders().add("Retry-After", f.retryAfter);
        }
        String code = f.status == 429 ? "Throttled" : f.status == 503 ? "ServiceUnavailable"
            : f.status == 400 ? "BadParameter" : f.status == 403 ? "Forbidden" : "InternalServerError";
        error(ex, req, f.status, code, "Injected fault " + f.status + ".", null);
        return true;
      case DROP:
        req.status(-1);
        ex.close(); // no response: the connection is closed
        return true;
      case DELAY:
        try {
          closing.await(f.delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return false; // then answer normally (if the client is still there)
      default:
        throw new IllegalStateException(f.toString());
    }
  }

  private void route(HttpExchange ex, RecordedRequest req, String method, String name, String second,
      Map<String, String> query, byte[] body) throws IOException {
    switch (method) {
      case "PUT":
        if (!second.isEmpty()) {
          error(ex, req, 405, "MethodNotAllowed", "PUT takes /secrets/{name}.", null);
          return;
        }
        put(ex, req, name, body);
        return;
      case "PATCH":
        patch(ex, req, name, second, body);
        return;
      case "GET":
        if (second.equals("versions")) {
          list(ex, req, name, query);
        } else {
          get(ex, req, name, second);
        }
        return;
      default:
        error(ex, req, 405, "MethodNotAllowed", "Method not allowed.", null);
    }
  }

  private void put(HttpExchange ex, RecordedRequest req, String name, byte[] body) throws IOException {
    Map<String, Object> json = VaultJson.parse(body);
    Object value = json.get("value");
    if (!(value instanceof String)) {
      error(ex, req, 400, "BadParameter", "Property 'value' is required.", null);
      return;
    }
    StoredSecret s = vault.getOrCreate(name);
    StoredVersion v = vault.newVersion((String) value);
    v.contentType = (String) json.get("contentType");
    VaultJson.applyTags(v, json.get("tags"));
    VaultJson.applyAttributes(v, json.get("attributes"));
    s.add(v);
    respond(ex, req, 200, VaultJson.bundle(base, s.name, v, true));
  }

  private void patch(HttpExchange ex, RecordedRequest req, String name, String version, byte[] body)
      throws IOException {
    StoredSecret s = vault.get(name);
    StoredVersion v = s == null ? null : s.find(version);
    if (v == null) {
      notFound(ex, req, name, version);
      return;
    }
    Map<String, Object> json = VaultJson.parse(body);
    synchronized (s) {
      if (json.containsKey("contentType")) {
        v.contentType = (String) json.get("contentType");
      }
      VaultJson.applyTags(v, json.get("tags"));
      VaultJson.applyAttributes(v, json.get("attributes"));
      v.updated = vault.nextWriteSecond();
    }
    respond(ex, req, 200, VaultJson.bundle(base, s.name, v, false));
  }

  private void get(HttpExchange ex, RecordedRequest req, String name, String version) throws IOException {
    StoredSecret s = vault.get(name);
    StoredVersion v = s == null ? null : version.isEmpty() ? s.latest() : s.find(version);
    if (v == null) {
      notFound(ex, req, name, version);
      return;
    }
    if (!v.enabled) {
      error(ex, req, 403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
      return;
    }
    respond(ex, req, 200, VaultJson.bundle(base, s.name, v, true));
  }

  private void list(HttpExchange ex, RecordedRequest req, String name, Map<String, String> query)
      throws IOException {
    StoredSecret s = vault.get(name);
    if (s == null) {
      notFound(ex, req, name, "");
      return;
    }
    List<StoredVersion> all = s.snapshot();
    // the service lists versions in no documented order; this one uses the version id's order
    all.sort(Comparator.comparing(v -> v.id));
    int size = pageSize;
    if (query.containsKey("maxresults")) {
      size = Math.min(size, Integer.parseInt(query.get("maxresults")));
    }
    int from = query.containsKey("$skiptoken") ? Integer.parseInt(query.get("$skiptoken")) : 0;
    int to = Math.min(all.size(), from + size);
    List<Object> items = new ArrayList<>();
    for (StoredVersion v : all.subList(from, to)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", base + "/secrets/" + s.name + "/" + v.id);
      item.put("attributes", VaultJson.attributes(v));
      if (!v.tags.isEmpty()) {
        item.put("tags", new LinkedHashMap<>(v.tags));
      }
      if (v.contentType != null) {
        item.put("contentType", v.contentType);
      }
      items.add(item);
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("value", items);
    page.put("nextLink", to < all.size()
        ? base + "/secrets/" + s.name + "/versions?api-version=" + req.apiVersion() + "&$skiptoken=" + to
            + "&maxresults=" + size
        : null);
    respond(ex, req, 200, page);
  }

  private static void notFound(HttpExchange ex, RecordedRequest req, String name, String version)
      throws IOException {
    error(ex, req, 404, "SecretNotFound", "A secret with (name/id) " + name + (version.isEmpty() ? "" : "/" + version)
        + " was not found in this key vault. If you recently deleted this secret you may be able to recover it"
        + " using the correct recovery command.", null);
  }
}
