package dev.secrets4j.azure.testing;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A local Azure Key Vault: an HTTPS server on 127.0.0.1 (certificate from {@link TestTls}) that speaks the Key
 * Vault secrets REST API as the Java SDK uses it.
 *
 * <ul>
 *   <li>Bearer challenge: a request without a token gets {@code 401} with
 *       {@code WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/TENANT",
 *       resource="https://vault.azure.net"}; a request with another token than the accepted one gets {@code 401}
 *       too.</li>
 *   <li>{@code PUT /secrets/{name}} (new version), {@code GET /secrets/{name}/} (latest),
 *       {@code GET /secrets/{name}/{version}}, {@code GET /secrets/{name}/versions} (paged with an absolute
 *       {@code nextLink}, versions in no particular order, as the service lists them), and
 *       {@code PATCH /secrets/{name}/{version}} (attributes, tags). Every call needs {@code api-version}.</li>
 *   <li>Names are 1-127 letters, digits and {@code -}, compared without case; versions are 32 hex digits;
 *       {@code created} and {@code updated} are epoch seconds, strictly increasing per write; a disabled version
 *       answers {@code 403 Forbidden / SecretDisabled}; expired and not-yet-valid versions are still returned, as
 *       the service does.</li>
 *   <li>Faults for authenticated GETs: a status (429 with {@code Retry-After}, 500, 503), a delay before the answer,
 *       a dropped connection; for the next n requests or until healed. {@link #denyAll} answers 403.</li>
 * </ul>
 *
 * <p>Every port is used once per test run, so the SDK's process-wide challenge cache (keyed by host and port)
 * never lets one test skip another's challenge.
 */
public final class FakeKeyVault implements AutoCloseable {
  public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  public static final String RESOURCE = "https://vault.azure.net";
  private static final Set<Integer> PORTS_USED = ConcurrentHashMap.newKeySet();
  private static final Pattern NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");

  private final HttpsServer server;
  private final ExecutorService pool;
  private final String base;
  private volatile String acceptedToken = TestCredential.TOKEN;
  private final Map<String, StoredSecret> secrets = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<Fault> nextFaults = new ConcurrentLinkedDeque<>();
  private volatile Fault persistentFault;
  private volatile boolean denyAll;
  private volatile int pageSize = 25;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicLong lastWriteSecond = new AtomicLong();

  private FakeKeyVault(HttpsServer server, ExecutorService pool) {
    this.server = server;
    this.pool = pool;
    this.base = "https://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Starts a vault on a port this test run has not used before. */
  public static FakeKeyVault start() throws IOException {
    HttpsServer server;
    while (true) {
      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      if (PORTS_USED.add(server.getAddress().getPort())) {
        break;
      }
      server.stop(0);
    }
    server.setHttpsConfigurator(new HttpsConfigurator(TestTls.get().serverContext()));
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "fake-key-vault-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    FakeKeyVault vault = new FakeKeyVault(server, pool);
    server.createContext("/", vault::handle);
    server.start();
    return vault;
  }

  /** {@code https://127.0.0.1:PORT}. */
  public String url() {
    return base;
  }

  /** An {@code azure-kv} URI for this vault, challenge resource check off, plus {@code params} ({@code k=v&...}). */
  public String uri(String params) {
    return "azure-kv:" + base + "?verifyChallengeResource=false" + (params.isEmpty() ? "" : "&" + params);
  }

  // ------------------------------------------------------------------ test controls

  /** The token the vault accepts. */
  public FakeKeyVault acceptToken(String token) {
    this.acceptedToken = token;
    return this;
  }

  /** Answers every authenticated request with 403 (no permission). */
  public FakeKeyVault denyAll(boolean deny) {
    this.denyAll = deny;
    return this;
  }

  /** Versions per page of the versions list (the service's default is 25). */
  public FakeKeyVault pageSize(int size) {
    this.pageSize = size;
    return this;
  }

  /** The next {@code times} authenticated GETs meet {@code fault}. */
  public FakeKeyVault failNext(int times, Fault fault) {
    for (int i = 0; i < times; i++) {
      nextFaults.add(fault);
    }
    return this;
  }

  /** Every authenticated GET meets {@code fault} until {@link #heal()}. */
  public FakeKeyVault failAlways(Fault fault) {
    this.persistentFault = fault;
    return this;
  }

  public FakeKeyVault heal() {
    nextFaults.clear();
    persistentFault = null;
    return this;
  }

  /** Deletes a secret and all its versions, as an operator would (soft delete: it is then not found). */
  public void delete(String name) {
    secrets.remove(name.toLowerCase(Locale.ROOT));
  }

  /** The version ids of {@code name}, oldest first. */
  public List<String> versionIds(String name) {
    StoredSecret s = secrets.get(name.toLowerCase(Locale.ROOT));
    List<String> ids = new ArrayList<>();
    if (s != null) {
      synchronized (s) {
        s.versions.forEach(v -> ids.add(v.id));
      }
    }
    return ids;
  }

  /** Every request the vault answered, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests for {@code method} whose path starts with {@code pathPrefix}. */
  public long count(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.method.equals(method) && r.path.startsWith(pathPrefix)).count();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    pool.shutdownNow();
  }

  // ------------------------------------------------------------------ protocol

  private void handle(HttpExchange ex) throws IOException {
    try {
      byte[] body = readAll(ex.getRequestBody());
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      Request req = new Request(method, path, query.get("api-version"), auth != null);
      requests.add(req);

      if (query.get("api-version") == null) {
        error(ex, req, 400, "BadParameter", "The request URI contains an invalid API version or none.", null);
        return;
      }
      if (auth == null || !auth.equals("Bearer " + acceptedToken)) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
            + TENANT + "\", resource=\"" + RESOURCE + "\"");
        error(ex, req, 401, "Unauthorized", auth == null ? "AKV10000: Request is missing a Bearer or PoP token."
            : "AKV10032: Invalid issuer.", null);
        return;
      }
      if (method.equals("GET") && applyFault(ex, req)) {
        return;
      }
      if (denyAll) {
        error(ex, req, 403, "Forbidden", "Caller is not authorized to perform action on resource. Action:"
            + " 'Microsoft.KeyVault/vaults/secrets/getSecret/action'", "ForbiddenByRbac");
        return;
      }
      route(ex, req, method, path, query, body);
    } catch (IOException | RuntimeException e) {
      // the client went away (timed out, dropped); nothing to answer
    } finally {
      ex.close();
    }
  }

  private boolean applyFault(HttpExchange ex, Request req) throws IOException {
    Fault f = nextFaults.poll();
    if (f == null) {
      f = persistentFault;
    }
    if (f == null) {
      return false;
    }
    req.fault = f.toString();
    switch (f.kind) {
      case STATUS:
        if (f.retryAfter != null) {
          ex.getResponseHeaders().add("Retry-After", f.retryAfter);
        }
        String code = f.status == 429 ? "Throttled" : f.status == 503 ? "ServiceUnavailable"
            : f.status == 400 ? "BadParameter" : "InternalServerError";
        error(ex, req, f.status, code, "Injected fault " + f.status + ".", null);
        return true;
      case DROP:
        req.status = -1;
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

  private void route(HttpExchange ex, Request req, String method, String path, Map<String, String> query,
      byte[] body) throws IOException {
    if (!path.startsWith("/secrets/")) {
      error(ex, req, 404, "NotFound", "Unknown path.", null);
      return;
    }
    String[] parts = path.substring("/secrets/".length()).split("/", -1);
    String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
    String second = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    if (!NAME.matcher(name).matches() || parts.length > 2 && !(parts.length == 3 && parts[2].isEmpty())) {
      error(ex, req, 400, "BadParameter", "The request URI contains an invalid name: " + name, null);
      return;
    }
    String key = name.toLowerCase(Locale.ROOT);
    switch (method) {
      case "PUT":
        if (!second.isEmpty()) {
          error(ex, req, 405, "MethodNotAllowed", "PUT takes /secrets/{name}.", null);
          return;
        }
        put(ex, req, name, key, body);
        return;
      case "PATCH":
        patch(ex, req, name, key, second, body);
        return;
      case "GET":
        if (second.equals("versions")) {
          list(ex, req, name, key, query);
        } else {
          get(ex, req, name, key, second);
        }
        return;
      default:
        error(ex, req, 405, "MethodNotAllowed", "Method not allowed.", null);
    }
  }

  @SuppressWarnings("unchecked")
  private void put(HttpExchange ex, Request req, String name, String key, byte[] body) throws IOException {
    Map<String, Object> json = parse(body);
    Object value = json.get("value");
    if (!(value instanceof String)) {
      error(ex, req, 400, "BadParameter", "Property 'value' is required.", null);
      return;
    }
    StoredSecret s = secrets.computeIfAbsent(key, k -> new StoredSecret(name));
    StoredVersion v = new StoredVersion(UUID.randomUUID().toString().replace("-", ""), (String) value);
    v.contentType = (String) json.get("contentType");
    if (json.get("tags") instanceof Map) {
      ((Map<String, Object>) json.get("tags")).forEach((k, t) -> v.tags.put(k, String.valueOf(t)));
    }
    applyAttributes(v, json.get("attributes"));
    v.created = nextWriteSecond();
    v.updated = v.created;
    synchronized (s) {
      s.versions.add(v);
    }
    respond(ex, req, 200, bundle(s.name, v, true));
  }

  @SuppressWarnings("unchecked")
  private void patch(HttpExchange ex, Request req, String name, String key, String version, byte[] body)
      throws IOException {
    StoredSecret s = secrets.get(key);
    StoredVersion v = s == null ? null : s.find(version);
    if (v == null) {
      notFound(ex, req, name, version);
      return;
    }
    Map<String, Object> json = parse(body);
    synchronized (s) {
      if (json.containsKey("contentType")) {
        v.contentType = (String) json.get("contentType");
      }
      if (json.get("tags") instanceof Map) {
        v.tags.clear();
        ((Map<String, Object>) json.get("tags")).forEach((k, t) -> v.tags.put(k, String.valueOf(t)));
      }
      applyAttributes(v, json.get("attributes"));
      v.updated = nextWriteSecond();
    }
    respond(ex, req, 200, bundle(s.name, v, false));
  }

  private void get(HttpExchange ex, Request req, String name, String key, String version) throws IOException {
    StoredSecret s = secrets.get(key);
    StoredVersion v = null;
    if (s != null) {
      synchronized (s) {
        v = version.isEmpty() ? s.latest() : s.find(version);
      }
    }
    if (v == null) {
      notFound(ex, req, name, version);
      return;
    }
    if (!v.enabled) {
      error(ex, req, 403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
      return;
    }
    respond(ex, req, 200, bundle(s.name, v, true));
  }

  private void list(HttpExchange ex, Request req, String name, String key, Map<String, String> query)
      throws IOException {
    StoredSecret s = secrets.get(key);
    if (s == null) {
      notFound(ex, req, name, "");
      return;
    }
    List<StoredVersion> all;
    synchronized (s) {
      all = new ArrayList<>(s.versions);
    }
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
      item.put("attributes", attributes(v));
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
        ? base + "/secrets/" + s.name + "/versions?api-version=" + req.apiVersion + "&$skiptoken=" + to
            + "&maxresults=" + size
        : null);
    respond(ex, req, 200, page);
  }

  private void notFound(HttpExchange ex, Request req, String name, String version) throws IOException {
    error(ex, req, 404, "SecretNotFound", "A secret with (name/id) " + name + (version.isEmpty() ? "" : "/" + version)
        + " was not found in this key vault. If you recently deleted this secret you may be able to recover it"
        + " using the correct recovery command.", null);
  }

  private long nextWriteSecond() {
    long now = Instant.now().getEpochSecond();
    return lastWriteSecond.updateAndGet(last -> Math.max(now, last + 1));
  }

  private static void applyAttributes(StoredVersion v, Object attrs) {
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

  private Map<String, Object> bundle(String name, StoredVersion v, boolean withValue) {
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

  private static Map<String, Object> attributes(StoredVersion v) {
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

  private void error(HttpExchange ex, Request req, int status, String code, String message, String inner)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (inner != null) {
      error.put("innererror", Map.of("code", inner));
    }
    respond(ex, req, status, Map.of("error", error));
  }

  private static void respond(HttpExchange ex, Request req, int status, Map<String, Object> json) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (JsonWriter w = JsonProviders.createWriter(buf)) {
      w.writeUntyped(json);
      w.flush();
    }
    byte[] bytes = buf.toByteArray();
    ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().add("x-ms-keyvault-service-version", "1.9.0.0");
    req.status = status;
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(byte[] body) throws IOException {
    if (body.length == 0) {
      return Map.of();
    }
    try (JsonReader r = JsonProviders.createReader(body)) {
      r.nextToken();
      Object o = r.readUntyped();
      return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static Map<String, String> query(String raw) {
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

  // ------------------------------------------------------------------ state

  private static final class StoredSecret {
    final String name;
    final List<StoredVersion> versions = new ArrayList<>();

    StoredSecret(String name) {
      this.name = name;
    }

    StoredVersion latest() {
      return versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    StoredVersion find(String id) {
      synchronized (this) {
        for (StoredVersion v : versions) {
          if (v.id.equalsIgnoreCase(id)) {
            return v;
          }
        }
      }
      return null;
    }
  }

  private static final class StoredVersion {
    final String id;
    final String value;
    String contentType;
    boolean enabled = true;
    Long nbf;
    Long exp;
    long created;
    long updated;
    final Map<String, String> tags = new LinkedHashMap<>();

    StoredVersion(String id, String value) {
      this.id = id;
      this.value = value;
    }
  }

  /** One request as the vault saw it. */
  public static final class Request {
    public final String method;
    public final String path;
    public final String apiVersion;
    public final boolean authenticated;
    public volatile int status;
    public volatile String fault;

    Request(String method, String path, String apiVersion, boolean authenticated) {
      this.method = method;
      this.path = path;
      this.apiVersion = apiVersion;
      this.authenticated = authenticated;
    }

    @Override
    public String toString() {
      return method + " " + path + " -> " + status + (fault == null ? "" : " (" + fault + ")")
          + (authenticated ? "" : " [no token]");
    }
  }

  /** A fault injected into authenticated GETs. */
  public static final class Fault {
    enum Kind { STATUS, DELAY, DROP }

    final Kind kind;
    final int status;
    final String retryAfter;
    final Duration delay;

    private Fault(Kind kind, int status, String retryAfter, Duration delay) {
      this.kind = kind;
      this.status = status;
      this.retryAfter = retryAfter;
      this.delay = delay;
    }

    /** Answers {@code status} (400, 429, 500, 503) with Key Vault's error body. */
    public static Fault status(int status) {
      return new Fault(Kind.STATUS, status, null, null);
    }

    /** Answers {@code 429 Too Many Requests} with {@code Retry-After: retryAfterSeconds}. */
    public static Fault throttled(long retryAfterSeconds) {
      return new Fault(Kind.STATUS, 429, Long.toString(retryAfterSeconds), null);
    }

    /** Holds the answer for {@code delay} (released early when the vault closes), then answers normally. */
    public static Fault delay(Duration delay) {
      return new Fault(Kind.DELAY, 0, null, delay);
    }

    /** Closes the connection without an answer. */
    public static Fault drop() {
      return new Fault(Kind.DROP, 0, null, null);
    }

    @Override
    public String toString() {
      switch (kind) {
        case STATUS: return "HTTP " + status + (retryAfter == null ? "" : " Retry-After " + retryAfter);
        case DELAY: return "delay " + delay;
        default: return "dropped connection";
      }
    }
  }
}
