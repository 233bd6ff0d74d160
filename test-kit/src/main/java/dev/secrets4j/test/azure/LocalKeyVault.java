package dev.secrets4j.test.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A local Azure Key Vault: an HTTPS server on 127.0.0.1 and a free port, with a self-signed certificate made at
 * test time, speaking the Key Vault secrets REST API as the Java SDK uses it, bearer challenge included (a request
 * without the accepted token gets {@code 401} and {@code WWW-Authenticate: Bearer authorization=".../TENANT",
 * resource="https://vault.azure.net"}). {@link #newClient()} gives an SDK client wired to it; {@link #httpClient()}
 * the transport that trusts its certificate; {@link #sourceUri(String)} an {@code azure-kv} URI for it.
 *
 * <p>Names are 1-127 letters, digits and {@code -}, compared without case; versions are 32 hex digits; a disabled
 * version answers {@code 403 Forbidden / SecretDisabled}; versions are listed in pages with an absolute
 * {@code nextLink}, in no particular order, as the service lists them.
 *
 * <p>Test controls: {@link #put}, {@link #rotate} and {@link #delete} change the store directly (no request
 * recorded); {@link #inject(Fault)} plays failures; {@link #calls(String)} counts requests per REST operation. Every
 * vault gets a port this JVM has not used before, so the SDK's process-wide challenge cache (keyed by host and port)
 * never lets one test skip another's challenge. Thread-safe. Secret values appear in no error body, no
 * {@link RecordedRequest} and no {@code toString}.
 */
public final class LocalKeyVault implements AutoCloseable {
  /** The tenant the bearer challenge names. */
  public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  /** The resource the bearer challenge names; tokens are asked for {@code RESOURCE + "/.default"}. */
  public static final String RESOURCE = "https://vault.azure.net";

  private static final Set<Integer> PORTS_USED = ConcurrentHashMap.newKeySet();

  private final Vault vault = new Vault();
  private final Faults faults = new Faults();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final VaultHandler handler = new VaultHandler(vault, faults, closing);
  private final HttpsServer server;
  private final ExecutorService pool;

  private LocalKeyVault() throws IOException {
    HttpsServer s;
    while (true) {
      s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      if (PORTS_USED.add(s.getAddress().getPort())) {
        break;
      }
      s.stop(0);
    }
    server = s;
    server.setHttpsConfigurator(new HttpsConfigurator(SelfSignedTls.get().serverContext()));
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "local-key-vault-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    handler.base = endpoint();
    server.createContext("/", handler::handle);
    server.start();
  }

  /**
   * Starts a vault on 127.0.0.1 and a port this JVM has not used before.
   *
   * @return the listening vault; close it when the test ends
   * @throws UncheckedIOException if no port on 127.0.0.1 can be bound
   */
  public static LocalKeyVault start() {
    try {
      return new LocalKeyVault();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1", e);
    }
  }

  /** The vault URL, {@code https://127.0.0.1:PORT}. */
  public String endpoint() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * An {@code azure-kv} URI for this vault with the challenge resource check off (the vault is not under
   * {@code vault.azure.net}): {@code azure-kv:https://127.0.0.1:PORT?verifyChallengeResource=false}, then
   * {@code &params}. Build the source with {@link #httpClient()} and a {@link TestCredential}.
   *
   * @param params more URI parameters ({@code "timeout=300ms&retries=0"}), or empty
   */
  public String sourceUri(String params) {
    return "azure-kv:" + endpoint() + "?verifyChallengeResource=false" + (params.isEmpty() ? "" : "&" + params);
  }

  /** An SDK client for this vault, as an operator or a rotation job would use it: {@link TestCredential#valid()}. */
  public SecretClient newClient() {
    return new SecretClientBuilder()
        .vaultUrl(endpoint())
        .credential(TestCredential.valid())
        .httpClient(httpClient())
        .disableChallengeResourceVerification()
        .buildClient();
  }

  /** An SDK transport (azure-core's JDK HTTP client) that trusts this vault's certificate and nothing else. */
  public static HttpClient httpClient() {
    return new JdkHttpClientBuilder(jdkHttpClientBuilder()).build();
  }

  /** A {@link java.net.http.HttpClient.Builder} that trusts this vault's certificate and nothing else. */
  public static java.net.http.HttpClient.Builder jdkHttpClientBuilder() {
    return java.net.http.HttpClient.newBuilder().sslContext(sslContext());
  }

  /** A client TLS context that trusts this vault's certificate and nothing else (one certificate per JVM). */
  public static SSLContext sslContext() {
    return SelfSignedTls.get().clientContext();
  }

  /** The vault's certificate, for {@code localhost} and {@code 127.0.0.1} (one per JVM). */
  public static X509Certificate certificate() {
    return SelfSignedTls.get().certificate();
  }

  /** Stops listening, releases delayed requests and ends the handler threads. */
  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    pool.shutdownNow();
  }

  // ------------------------------------------------------------------ the store, directly (no protocol)

  /**
   * Stores {@code value} as the new latest version of {@code name}, creating the secret if needed.
   *
   * @return the new version's id (32 hex digits)
   * @throws IllegalArgumentException if {@code name} is not 1-127 letters, digits and {@code -}
   */
  public String put(String name, String value) {
    Objects.requireNonNull(value, "value");
    if (!Objects.requireNonNull(name, "name").matches("[0-9A-Za-z-]{1,127}")) {
      throw new IllegalArgumentException("'" + name + "' is not a Key Vault secret name (1-127 letters, digits, -)");
    }
    StoredVersion v = vault.newVersion(value);
    vault.getOrCreate(name).add(v);
    return v.id;
  }

  /**
   * Rotates {@code name}: {@code value} becomes the new latest version, and the one before it stays enabled, to be
   * read as the previous one.
   *
   * @return the new version's id
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public String rotate(String name, String value) {
    if (vault.get(Objects.requireNonNull(name, "name")) == null) {
      throw new IllegalArgumentException("no secret " + name);
    }
    return put(name, value);
  }

  /** Deletes {@code name} and all its versions, as an operator would (soft delete): reads then answer 404. */
  public void delete(String name) {
    vault.remove(Objects.requireNonNull(name, "name"));
  }

  /** The version ids of {@code name}, oldest first, or an empty list. */
  public List<String> versionIds(String name) {
    StoredSecret s = vault.get(Objects.requireNonNull(name, "name"));
    List<String> ids = new ArrayList<>();
    if (s != null) {
      s.snapshot().forEach(v -> ids.add(v.id));
    }
    return ids;
  }

  // ------------------------------------------------------------------ behaviour

  /** The one token the vault accepts; {@link TestCredential#TOKEN} by default. */
  public LocalKeyVault acceptToken(String token) {
    handler.acceptedToken = Objects.requireNonNull(token, "token");
    return this;
  }

  /** Whether every authenticated request is answered {@code 403 ForbiddenByRbac} (no permission). */
  public LocalKeyVault denyAll(boolean deny) {
    handler.denyAll = deny;
    return this;
  }

  /**
   * Versions per page of {@code GetSecretVersions}; the service's default, 25, by default.
   *
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public LocalKeyVault pageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + size);
    }
    handler.pageSize = size;
    return this;
  }

  /** Adds a fault; faults are tried in the order added, and the first that matches a request plays. */
  public LocalKeyVault inject(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** Removes every fault. */
  public LocalKeyVault clearFaults() {
    faults.clear();
    return this;
  }

  // ------------------------------------------------------------------ observation

  /**
   * How many authenticated requests of {@code operation} ({@code GetSecret}, {@code GetSecretVersions},
   * {@code SetSecret}, {@code UpdateSecret}) arrived, faulted and refused ones too; bearer challenges are not counted.
   */
  public int calls(String operation) {
    return (int) handler.requests.stream().filter(r -> operation.equals(r.operation())).count();
  }

  /** How many requests arrived, challenges and refusals included. */
  public int totalCalls() {
    return handler.requests.size();
  }

  /** Forgets every request: the counters start again from zero. */
  public void resetCalls() {
    handler.requests.clear();
  }

  /** Every request the vault received, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(handler.requests);
  }

  /** How many requests of {@code method} had a path starting with {@code pathPrefix}. */
  public long count(String method, String pathPrefix) {
    return handler.requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
  }

  @Override
  public String toString() {
    return "LocalKeyVault[" + endpoint() + "]";
  }
}
