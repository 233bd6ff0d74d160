package dev.secrets4j.test.azure;

import dev.secrets4j.test.LocalTls;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny Microsoft Entra ID token endpoint on loopback for the client-assertion grant (what a workload identity
 * sends: the federated token read from its token file as {@code client_assertion}), under the sign-in hosts of the
 * three clouds ({@code login.microsoftonline.com}, {@code login.chinacloudapi.cn}, {@code login.microsoftonline.us})
 * through the kit's tunnel, so azure-identity's credentials built with {@link LocalKeyVault#httpClient()} reach it
 * with their default authority hosts. It answers instance discovery ({@code /common/discovery/instance}), OpenID
 * metadata and {@code POST /{tenant}/oauth2/v2.0/token}, records every token request ({@link #grants()}), and can
 * refuse the assertion ({@code 401 invalid_client}, AADSTS700213), answer with a status (an outage: {@code 503
 * temporarily_unavailable}) or hold its answers. One at a time per JVM: the sign-in host names are the tunnel's.
 */
public final class LocalTokenEndpoint implements AutoCloseable {
  /** The sign-in hosts this endpoint answers under. */
  public static final List<String> HOSTS = List.of("login.microsoftonline.com", "login.chinacloudapi.cn",
      "login.microsoftonline.us");

  private final HttpsServer server;
  private final ExecutorService pool;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<TokenGrant> grants = new CopyOnWriteArrayList<>();
  private volatile String accessToken = TestCredential.TOKEN;
  private volatile String acceptedAssertion;
  private volatile int status = 200;
  private volatile Duration delay = Duration.ZERO;

  private LocalTokenEndpoint() throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(LocalTls.get().serverContext()));
    pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "local-token-endpoint");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
    for (String host : HOSTS) {
      LoopbackTunnel.get().route(host, server.getAddress().getPort());
    }
  }

  /**
   * Starts the endpoint and routes the sign-in hosts to it.
   *
   * @throws UncheckedIOException if no port on 127.0.0.1 can be bound
   */
  public static LocalTokenEndpoint start() {
    try {
      return new LocalTokenEndpoint();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1", e);
    }
  }

  /** The public cloud's authority host, {@code https://login.microsoftonline.com/}, as azure-identity spells it. */
  public String authorityHost() {
    return "https://" + HOSTS.get(0) + "/";
  }

  /** The access token a granted request gets; {@link TestCredential#TOKEN} (what a vault accepts) by default. */
  public LocalTokenEndpoint issue(String token) {
    this.accessToken = Objects.requireNonNull(token, "token");
    return this;
  }

  /** Grants only requests whose client assertion is {@code assertion}; others get {@code 401 invalid_client}. */
  public LocalTokenEndpoint acceptAssertion(String assertion) {
    this.acceptedAssertion = Objects.requireNonNull(assertion, "assertion");
    return this;
  }

  /**
   * Answers every token request with {@code status} (an outage: 500, 503, 504; a refusal: 400, 401) in Entra's error
   * shape, until {@link #answerNormally()}.
   *
   * @throws IllegalArgumentException if {@code status} is not 400-599
   */
  public LocalTokenEndpoint answerStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 400-599, was " + status);
    }
    this.status = status;
    return this;
  }

  /** Holds every answer for {@code delay} (released when the endpoint closes); zero for none. */
  public LocalTokenEndpoint delay(Duration delay) {
    this.delay = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /** Ends {@link #answerStatus(int)} and {@link #delay(Duration)}. */
  public LocalTokenEndpoint answerNormally() {
    this.status = 200;
    this.delay = Duration.ZERO;
    return this;
  }

  /** Every token request so far, in order. */
  public List<TokenGrant> grants() {
    return List.copyOf(grants);
  }

  /** Stops listening, releases held answers and takes the sign-in hosts off the tunnel. */
  @Override
  public void close() {
    for (String host : HOSTS) {
      LoopbackTunnel.get().unroute(host, server.getAddress().getPort());
    }
    closing.countDown();
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String host = String.valueOf(ex.getRequestHeaders().getFirst("Host")).replaceFirst(":\\d+$", "")
          .toLowerCase(Locale.ROOT);
      String path = ex.getRequestURI().getPath();
      String[] parts = path.split("/");
      if (path.startsWith("/common/discovery/instance")) {
        json(ex, 200, discovery(host));
      } else if (parts.length == 5 && path.endsWith("/v2.0/.well-known/openid-configuration")) {
        json(ex, 200, openIdConfiguration(host, parts[1]));
      } else if (parts.length == 5 && path.endsWith("/oauth2/v2.0/token") && ex.getRequestMethod().equals("POST")) {
        token(ex, host, parts[1], VaultJson.query(new String(body, StandardCharsets.UTF_8)));
      } else {
        json(ex, 404, error("invalid_request", "AADSTS90002: unknown path " + path));
      }
    } catch (IOException | RuntimeException e) {
      // the client went away
    }
  }

  private void token(HttpExchange ex, String host, String tenant, Map<String, String> form) throws IOException {
    hold();
    String assertion = form.get("client_assertion");
    int answer = status;
    Map<String, Object> json;
    if (answer != 200) {
      json = answer >= 500 ? error("temporarily_unavailable", "AADSTS90033: A transient error has occurred. Please"
          + " try again.") : answer == 401 ? refusal() : error("invalid_request", "AADSTS900144: The request body"
          + " must contain the following parameter: 'client_assertion'.");
    } else if (assertion == null || assertion.isEmpty()
        || acceptedAssertion != null && !acceptedAssertion.equals(assertion)) {
      answer = 401;
      json = refusal();
    } else {
      json = new LinkedHashMap<>();
      json.put("token_type", "Bearer");
      json.put("expires_in", 3599);
      json.put("ext_expires_in", 3599);
      json.put("access_token", accessToken);
    }
    grants.add(new TokenGrant(host, tenant, form.get("grant_type"), form.get("client_id"), form.get("scope"),
        assertion, answer));
    json(ex, answer, json);
  }

  private void hold() {
    Duration d = delay;
    if (!d.isZero()) {
      try {
        closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Map<String, Object> refusal() {
    Map<String, Object> e = error("invalid_client", "AADSTS700213: No matching federated identity record found for"
        + " presented assertion subject. Check your federated identity credential Subject, Audience and Issuer"
        + " against the presented assertion.");
    e.put("error_codes", List.of(700213));
    return e;
  }

  private static Map<String, Object> error(String code, String description) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("error", code);
    e.put("error_description", description);
    e.put("trace_id", "00000000-0000-0000-0000-000000000000");
    e.put("correlation_id", "00000000-0000-0000-0000-000000000000");
    return e;
  }

  private static Map<String, Object> discovery(String host) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tenant_discovery_endpoint", "https://" + host + "/{tenant}/v2.0/.well-known/openid-configuration");
    m.put("api-version", "1.1");
    m.put("metadata", List.of(Map.of("preferred_network", host, "preferred_cache", host, "aliases", List.of(host))));
    return m;
  }

  private static Map<String, Object> openIdConfiguration(String host, String tenant) {
    Map<String, Object> m = new LinkedHashMap<>();
    String base = "https://" + host + "/" + tenant;
    m.put("token_endpoint", base + "/oauth2/v2.0/token");
    m.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
    m.put("issuer", base + "/v2.0");
    return m;
  }

  private static void json(HttpExchange ex, int status, Map<String, Object> json) throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try (com.azure.json.JsonWriter w = com.azure.json.JsonProviders.createWriter(buf)) {
      w.writeUntyped(json);
      w.flush();
    }
    byte[] bytes = buf.toByteArray();
    ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public String toString() {
    return "LocalTokenEndpoint[" + HOSTS + " -> 127.0.0.1:" + server.getAddress().getPort() + "]";
  }
}
