package dev.secrets4j.test.azure;

import static dev.secrets4j.test.azure.VaultJson.error;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The request pipeline of the local vault, in the service's order: records the request, checks {@code api-version}
 * against the versions the vault speaks, answers the bearer challenge (naming the resource and sign-in host of the
 * cloud whose domain the request came in under), throttles over the {@link Quotas limit}, plays a matching
 * {@link Fault}, refuses everything when told to,
 * then hands the REST operation to {@link VaultOperations}.
 */
final class VaultHandler {
  /** The Key Vault data-plane API versions the service has published, oldest first. */
  static final List<String> PUBLISHED_API_VERSIONS = List.of("2015-06-01", "2016-10-01", "7.0", "7.1", "7.2", "7.3",
      "7.4", "7.5", "7.6", "2025-07-01");
  private static final Pattern NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");

  private final Faults faults;
  private final CountDownLatch closing;
  private final VaultOperations operations;
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  final Quotas quotas = new Quotas();
  volatile String acceptedToken = TestCredential.TOKEN;
  volatile boolean denyAll;
  volatile List<String> apiVersions = PUBLISHED_API_VERSIONS;

  VaultHandler(Vault vault, Faults faults, CountDownLatch closing) {
    this.faults = faults;
    this.closing = closing;
    this.operations = new VaultOperations(vault);
  }

  void pageSize(int size) {
    operations.pageSize = size;
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
      String apiVersion = query.get("api-version");
      RecordedRequest req = new RecordedRequest(method, path, apiVersion, auth != null);
      requests.add(req);
      if (apiVersion == null || !apiVersions.contains(apiVersion)) {
        error(ex, req, 400, "BadParameter", "The specified version (" + (apiVersion == null ? "" : apiVersion)
            + ") is not recognized. Consider using the latest supported version (" + latest() + ").", null);
        return;
      }
      Cloud cloud = Cloud.of(ex.getRequestHeaders().getFirst("Host"));
      if (auth == null || !auth.equals("Bearer " + acceptedToken)) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization=\"" + cloud.signIn + "/"
            + LocalKeyVault.TENANT + "\", resource=\"" + cloud.resource + "\"");
        error(ex, req, 401, "Unauthorized", auth == null ? "AKV10000: Request is missing a Bearer or PoP token."
            : "AKV10032: Invalid issuer.", null);
        return;
      }
      String[] route = route(method, path);
      if (route == null) {
        error(ex, req, 404, "NotFound", "Unknown path.", null);
        return;
      }
      req.operation(route[0]);
      long retryAfter = quotas.admit();
      if (retryAfter >= 0) {
        ex.getResponseHeaders().add("Retry-After", Long.toString(retryAfter));
        error(ex, req, 429, "Throttled", "Request was not processed because too many requests were received. "
            + "Reason: VaultRequestTypeLimitReached", null);
        return;
      }
      if (play(ex, req, faults.take(route[0], route[1]))) {
        return;
      }
      if (denyAll) {
        error(ex, req, 403, "Forbidden", "Caller is not authorized to perform action on resource. Action:"
            + " 'Microsoft.KeyVault/vaults/secrets/getSecret/action'", "ForbiddenByRbac");
        return;
      }
      if (!route[0].startsWith("GetSecrets") && !NAME.matcher(route[1]).matches()) {
        error(ex, req, 400, "BadParameter", "The request URI contains an invalid name: " + route[1], null);
        return;
      }
      if (route[0].endsWith("NotAllowed")) {
        error(ex, req, 405, "MethodNotAllowed", "Method not allowed.", null);
        return;
      }
      operations.handle(ex, req, "https://" + host(ex), route[0], route[1], route[2], query, body);
    } catch (IOException | RuntimeException e) {
      // the client went away (timed out, dropped); nothing to answer
    } finally {
      ex.close();
    }
  }

  private String latest() {
    List<String> v = apiVersions;
    return v.get(v.size() - 1);
  }

  private static String host(HttpExchange ex) {
    String host = ex.getRequestHeaders().getFirst("Host");
    return host == null || host.isBlank() ? "127.0.0.1:" + ex.getLocalAddress().getPort() : host;
  }

  /**
   * {operation, secret name, version} for a path the service knows, the operation ending in {@code NotAllowed} for a
   * method it does not take there; null for an unknown path.
   */
  private static String[] route(String method, String path) {
    if (path.equals("/secrets") || path.equals("/secrets/")) {
      return new String[] {method.equals("GET") ? "GetSecrets" : "ListNotAllowed", "", ""};
    }
    boolean deleted = path.startsWith("/deletedsecrets/");
    if (!deleted && !path.startsWith("/secrets/")) {
      return null;
    }
    String[] parts = path.substring(deleted ? "/deletedsecrets/".length() : "/secrets/".length()).split("/", -1);
    String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
    String second = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    if (parts.length > 3 || parts.length == 3 && !parts[2].isEmpty()) {
      return null;
    }
    String op;
    if (deleted) {
      op = second.isEmpty() ? (method.equals("GET") ? "GetDeletedSecret" : method.equals("DELETE")
          ? "PurgeDeletedSecret" : "DeletedSecretNotAllowed")
          : second.equals("recover") ? (method.equals("POST") ? "RecoverDeletedSecret" : "RecoverNotAllowed") : null;
    } else if (second.equals("versions")) {
      op = method.equals("GET") ? "GetSecretVersions" : "VersionsNotAllowed";
    } else {
      switch (method) {
        case "GET":
          op = "GetSecret";
          break;
        case "PUT":
          op = parts.length == 1 ? "SetSecret" : "SetNotAllowed";
          break;
        case "DELETE":
          op = parts.length == 1 ? "DeleteSecret" : "DeleteNotAllowed";
          break;
        case "PATCH":
          op = second.isEmpty() ? "UpdateNotAllowed" : "UpdateSecret";
          break;
        default:
          op = method + "NotAllowed";
      }
    }
    return op == null ? null : new String[] {op, name, second};
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
        error(ex, req, f.status, code, "Injected fault " + f.status + ".", f.status == 403 ? "ForbiddenByRbac" : null);
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

  /** The cloud a request came in under, by its vault domain: the resource and sign-in host its challenge names. */
  enum Cloud {
    PUBLIC(".vault.azure.net", "https://vault.azure.net", "https://login.microsoftonline.com"),
    CHINA(".vault.azure.cn", "https://vault.azure.cn", "https://login.chinacloudapi.cn"),
    US_GOVERNMENT(".vault.usgovcloudapi.net", "https://vault.usgovcloudapi.net", "https://login.microsoftonline.us");

    final String suffix;
    final String resource;
    final String signIn;

    Cloud(String suffix, String resource, String signIn) {
      this.suffix = suffix;
      this.resource = resource;
      this.signIn = signIn;
    }

    /** The cloud of {@code host} ({@code name.vault.azure.cn[:port]}); the public cloud for any other host. */
    static Cloud of(String host) {
      String h = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
      for (Cloud c : values()) {
        if (h.endsWith(c.suffix)) {
          return c;
        }
      }
      return PUBLIC;
    }

    static Set<String> suffixes() {
      return Set.of(PUBLIC.suffix, CHINA.suffix, US_GOVERNMENT.suffix);
    }
  }
}
