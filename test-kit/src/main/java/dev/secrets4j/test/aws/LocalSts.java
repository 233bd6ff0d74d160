package dev.secrets4j.test.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local AWS Security Token Service on 127.0.0.1 and a random port, speaking its wire protocol (the AWS query
 * protocol: form-encoded {@code POST /}, XML answers), for tests that go through the official SDK's STS client:
 * {@code AssumeRole} (signed; the caller's access key id is read from the SigV4 header, not verified) and
 * {@code AssumeRoleWithWebIdentity} (unsigned, with the token from the workload's token file). Each answer carries
 * fresh {@code Credentials} ({@code AccessKeyId} {@code ASIALOCALSTS000001}, {@code 000002}, ...,
 * {@code SecretAccessKey}, {@code SessionToken}) that expire {@link #sessionDuration(Duration)} after the server's
 * clock, so a test sees a client refresh its session without waiting. Thread-safe; tokens appear in no message.
 */
public final class LocalSts implements AutoCloseable {
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");
  private static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final HttpServer http;
  private final ExecutorService executor;
  private final AtomicInteger issued = new AtomicInteger();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> lastRequests = new ConcurrentHashMap<>();
  private final List<String> issuedKeys = new CopyOnWriteArrayList<>();
  private final Map<String, String> requiredExternalIds = new ConcurrentHashMap<>();
  private volatile Duration sessionDuration = Duration.ofHours(1);
  private volatile Clock clock = Clock.systemUTC();
  private volatile String lastCallerAccessKeyId;

  private LocalSts() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "local-sts-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    http.start();
  }

  /**
   * Starts a server on 127.0.0.1 and a free port.
   *
   * @throws UncheckedIOException if no port on 127.0.0.1 can be bound
   */
  public static LocalSts start() {
    try {
      return new LocalSts();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1", e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, for an STS client's endpoint or a source URI's {@code stsEndpoint=}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /**
   * How long the sessions it hands out last; one hour by default.
   *
   * @throws IllegalArgumentException if {@code d} is not positive
   */
  public LocalSts sessionDuration(Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("sessionDuration must be positive, was " + d);
    }
    sessionDuration = d;
    return this;
  }

  /** The clock expirations are counted from; the system UTC clock by default. */
  public LocalSts clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** {@code AssumeRole} of {@code roleArn} is refused ({@code AccessDenied}) unless it carries {@code externalId}. */
  public LocalSts requireExternalId(String roleArn, String externalId) {
    requiredExternalIds.put(Objects.requireNonNull(roleArn, "roleArn"), Objects.requireNonNull(externalId, "id"));
    return this;
  }

  /** How many requests of {@code action} ({@code AssumeRole}, {@code AssumeRoleWithWebIdentity}) arrived. */
  public int calls(String action) {
    AtomicInteger c = calls.get(action);
    return c == null ? 0 : c.get();
  }

  /** The form parameters of the last {@code action} request (a web identity token included), or an empty map. */
  public Map<String, String> lastRequest(String action) {
    return lastRequests.getOrDefault(action, Map.of());
  }

  /** The access key ids handed out, oldest first. */
  public List<String> issuedAccessKeyIds() {
    return List.copyOf(issuedKeys);
  }

  /** The access key id the last signed request was signed with, or null. */
  public String lastCallerAccessKeyId() {
    return lastCallerAccessKeyId;
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) {
    try {
      Map<String, String> form = parseForm(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      form.putAll(parseForm(ex.getRequestURI().getRawQuery()));
      String action = form.getOrDefault("Action", "");
      calls.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
      lastRequests.put(action, Collections.unmodifiableMap(form));
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth != null) {
        Matcher m = CREDENTIAL.matcher(auth);
        if (m.find()) {
          lastCallerAccessKeyId = m.group(1);
        }
      }
      switch (action) {
        case "AssumeRole":
          if (auth == null) {
            error(ex, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
            return;
          }
          String required = requiredExternalIds.get(form.getOrDefault("RoleArn", ""));
          if (required != null && !required.equals(form.get("ExternalId"))) {
            error(ex, 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole on resource: "
                + form.get("RoleArn"));
            return;
          }
          answer(ex, action, form, "");
          return;
        case "AssumeRoleWithWebIdentity":
          if (form.getOrDefault("WebIdentityToken", "").isEmpty()) {
            error(ex, 400, "InvalidIdentityToken", "No WebIdentityToken was provided");
            return;
          }
          answer(ex, action, form, "<SubjectFromWebIdentityToken>system:serviceaccount:default:app"
              + "</SubjectFromWebIdentityToken>");
          return;
        default:
          error(ex, 400, "InvalidAction", "Could not find operation " + action + " for version 2011-06-15");
      }
    } catch (IOException | RuntimeException e) {
      ex.close();
    }
  }

  private void answer(HttpExchange ex, String action, Map<String, String> form, String extra) throws IOException {
    String role = form.getOrDefault("RoleArn", "arn:aws:iam::123456789012:role/unknown");
    String session = form.getOrDefault("RoleSessionName", "session");
    String key = String.format("ASIALOCALSTS%06d", issued.incrementAndGet());
    issuedKeys.add(key);
    String expiration = clock.instant().plus(sessionDuration).truncatedTo(ChronoUnit.SECONDS).toString();
    String assumed = role.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/" + session;
    String xml = "<" + action + "Response xmlns=\"" + XMLNS + "\"><" + action + "Result>" + extra
        + "<AssumedRoleUser><Arn>" + escape(assumed) + "</Arn><AssumedRoleId>AROALOCALSTS:" + escape(session)
        + "</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>" + key + "</AccessKeyId><SecretAccessKey>"
        + "local-sts-secret-" + key + "</SecretAccessKey><SessionToken>local-sts-token-" + key
        + "</SessionToken><Expiration>" + expiration + "</Expiration></Credentials></" + action + "Result>"
        + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action
        + "Response>";
    send(ex, 200, xml);
  }

  private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
    send(ex, status, "<ErrorResponse xmlns=\"" + XMLNS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code>"
        + "<Message>" + escape(message) + "</Message></Error><RequestId>" + UUID.randomUUID()
        + "</RequestId></ErrorResponse>");
  }

  private static void send(HttpExchange ex, int status, String xml) throws IOException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/xml");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private static Map<String, String> parseForm(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public String toString() {
    return "LocalSts[" + endpoint() + "]";
  }
}
