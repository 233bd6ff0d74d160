package dev.secrets4j.test.azure;

import dev.secrets4j.test.LocalTls;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Configuration;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
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
 * A local Azure Key Vault: an HTTPS server on 127.0.0.1 with a certificate made at test time, speaking the Key Vault
 * secrets REST API as the Java SDK uses it, bearer challenge included (a request without the accepted token gets
 * {@code 401} and {@code WWW-Authenticate: Bearer authorization=".../TENANT", resource="https://vault.azure.net"}).
 *
 * <p>It answers as {@code https://kvPORT.vault.azure.net} ({@link #vaultUrl()}, and under the China and US
 * Government vault domains), reached through the kit's loopback tunnel that {@link #httpClient()} uses, so the SDK
 * keeps its production check that the challenge's resource matches the vault's domain, and each cloud's challenge
 * names its own resource and sign-in host. {@link #newClient()}: an SDK client; {@link #sourceUri(String)}: an
 * {@code azure-kv://kvPORT} URI; {@link #endpoint()}: the bare loopback address ({@link #loopbackSourceUri}).
 *
 * <p>As the service: names are 1-127 letters, digits and {@code -}, without case; versions are 32 hex digits; a
 * disabled version is {@code 403 Forbidden / SecretDisabled}; versions are listed in pages with an absolute
 * {@code nextLink}, in no particular order; an unknown {@code api-version} is {@code 400 BadParameter}. Deletion is
 * soft: a deleted secret is {@code 404 SecretNotFound} under {@code /secrets}, readable under
 * {@code /deletedsecrets/{name}} (recovery id, scheduled purge date), recoverable and purgeable, and its name
 * cannot be set meanwhile ({@code 409 ObjectIsDeletedButRecoverable}).
 *
 * <p>Test controls: {@link #put}, {@link #rotate}, {@link #delete}, {@link #recover}, {@link #purge} change the store
 * directly (no request recorded); {@link #inject(Fault)} plays failures; {@link #calls(String)} counts requests per
 * REST operation. Each vault gets a port, and so a name, this JVM has not used, so the SDK's process-wide challenge
 * cache never carries over between tests. Thread-safe. No value appears in an error body, a {@link RecordedRequest}
 * or a {@code toString}.
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
  private final String name;

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
    server.setHttpsConfigurator(new HttpsConfigurator(LocalTls.get().serverContext()));
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "local-key-vault-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", handler::handle);
    server.start();
    name = "kv" + server.getAddress().getPort();
    for (String suffix : VaultHandler.Cloud.suffixes()) {
      LoopbackTunnel.get().route(name + suffix, server.getAddress().getPort());
    }
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

  /** The plain loopback address, {@code https://127.0.0.1:PORT}; the challenge resource check fails there. */
  public String endpoint() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The vault's name, {@code kvPORT}: its URL in the public cloud is {@code https://kvPORT.vault.azure.net}. */
  public String vaultName() {
    return name;
  }

  /** {@code https://kvPORT.vault.azure.net}, reached through the kit's tunnel ({@link #httpClient()}). */
  public String vaultUrl() {
    return vaultUrl("vault.azure.net");
  }

  /**
   * The vault's URL under the vault domain of a cloud: {@code vault.azure.net}, {@code vault.azure.cn} or
   * {@code vault.usgovcloudapi.net}. Its bearer challenge names that cloud's resource and sign-in host.
   *
   * @throws IllegalArgumentException for another domain
   */
  public String vaultUrl(String vaultDomain) {
    if (!VaultHandler.Cloud.suffixes().contains("." + vaultDomain)) {
      throw new IllegalArgumentException("'" + vaultDomain + "' is not a vault domain; expected one of "
          + VaultHandler.Cloud.suffixes());
    }
    return "https://" + name + "." + vaultDomain;
  }

  /**
   * An {@code azure-kv} URI for this vault, with the challenge resource check on (the SDK's default):
   * {@code azure-kv://kvPORT}, then {@code ?params}. Build the source with {@link #httpClient()} and a
   * {@link TestCredential}.
   *
   * @param params URI parameters ({@code "timeout=300ms&retries=0"}), or empty
   */
  public String sourceUri(String params) {
    return "azure-kv://" + name + (params.isEmpty() ? "" : "?" + params);
  }

  /**
   * An {@code azure-kv} URI for the loopback address, with the challenge resource check off (127.0.0.1 is not under
   * {@code vault.azure.net}): {@code azure-kv:https://127.0.0.1:PORT?verifyChallengeResource=false}, then
   * {@code &params}.
   */
  public String loopbackSourceUri(String params) {
    return "azure-kv:" + endpoint() + "?verifyChallengeResource=false" + (params.isEmpty() ? "" : "&" + params);
  }

  /**
   * An SDK client for this vault at {@link #vaultUrl()}, as an operator or a rotation job would use it:
   * {@link TestCredential#valid()}, the SDK's default challenge resource check.
   */
  public SecretClient newClient() {
    return new SecretClientBuilder()
        .vaultUrl(vaultUrl())
        .credential(TestCredential.valid())
        .httpClient(httpClient())
        .buildClient();
  }

  /**
   * An SDK transport (azure-core's JDK HTTP client) that trusts the kit's certificate and nothing else and reaches
   * the local servers under their names through the kit's tunnel; proxy settings of the environment are ignored.
   */
  public static HttpClient httpClient() {
    return new JdkHttpClientBuilder(jdkHttpClientBuilder()).configuration(Configuration.NONE).build();
  }

  /**
   * A {@link java.net.http.HttpClient.Builder} that trusts the kit's certificate and nothing else, with the kit's
   * tunnel as its proxy (loopback addresses go direct; a name no local server holds is refused, so nothing reaches
   * the real service). When you wrap it in a {@code JdkHttpClientBuilder}, give that {@code Configuration.NONE}, or
   * proxy variables of the environment replace the tunnel.
   */
  public static java.net.http.HttpClient.Builder jdkHttpClientBuilder() {
    return java.net.http.HttpClient.newBuilder().sslContext(sslContext())
        .proxy(LoopbackTunnel.get().proxySelector());
  }

  /** A client TLS context that trusts this vault's certificate and nothing else (one certificate per JVM). */
  public static SSLContext sslContext() {
    return LocalTls.get().clientContext();
  }

  /** The vault's certificate, for {@code localhost} and {@code 127.0.0.1} (one per JVM). */
  public static X509Certificate certificate() {
    return LocalTls.get().certificate();
  }

  /** Stops listening, releases delayed requests and ends the handler threads. */
  @Override
  public void close() {
    for (String suffix : VaultHandler.Cloud.suffixes()) {
      LoopbackTunnel.get().unroute(name + suffix, server.getAddress().getPort());
    }
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
   * @throws IllegalStateException if {@code name} is soft-deleted
   */
  public String put(String name, String value) {
    Objects.requireNonNull(value, "value");
    if (!Objects.requireNonNull(name, "name").matches("[0-9A-Za-z-]{1,127}")) {
      throw new IllegalArgumentException("'" + name + "' is not a Key Vault secret name (1-127 letters, digits, -)");
    }
    StoredSecret s = vault.getOrCreate(name);
    if (s == null) {
      throw new IllegalStateException("'" + name + "' is soft-deleted: recover or purge it first");
    }
    StoredVersion v = vault.newVersion(value);
    s.add(v);
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

  /**
   * Deletes {@code name} as an operator would on a vault with soft delete ({@code az keyvault secret delete}): reads
   * then answer {@code 404 SecretNotFound}, and {@code /deletedsecrets/{name}} has it, recoverable for 90 days.
   *
   * @throws IllegalArgumentException if there is no live secret {@code name}
   */
  public void delete(String name) {
    if (vault.softDelete(Objects.requireNonNull(name, "name")) == null) {
      throw new IllegalArgumentException("no secret " + name);
    }
  }

  /**
   * Recovers the soft-deleted {@code name} with all its versions ({@code az keyvault secret recover}).
   *
   * @throws IllegalArgumentException if {@code name} is not soft-deleted
   */
  public void recover(String name) {
    if (vault.recover(Objects.requireNonNull(name, "name")) == null) {
      throw new IllegalArgumentException("no deleted secret " + name);
    }
  }

  /**
   * Purges the soft-deleted {@code name} for good ({@code az keyvault secret purge}); its name is free again.
   *
   * @throws IllegalArgumentException if {@code name} is not soft-deleted
   */
  public void purge(String name) {
    if (vault.purge(Objects.requireNonNull(name, "name")) == null) {
      throw new IllegalArgumentException("no deleted secret " + name);
    }
  }

  /** Whether {@code name} is soft-deleted (recoverable, not yet purged). */
  public boolean isDeleted(String name) {
    return vault.deleted(Objects.requireNonNull(name, "name")) != null;
  }

  /** The version ids of {@code name} (live or soft-deleted), oldest first, or an empty list. */
  public List<String> versionIds(String name) {
    StoredSecret s = vault.get(Objects.requireNonNull(name, "name"));
    if (s == null) {
      s = vault.deleted(name);
    }
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
    handler.pageSize(size);
    return this;
  }

  /**
   * The data-plane API versions this vault speaks, as an older or sovereign deployment speaks fewer (Azure Stack
   * Hub); a request with another one is {@code 400 BadParameter}. By default every published version, {@code 7.0}
   * to {@code 2025-07-01}.
   *
   * @throws IllegalArgumentException if none is given
   */
  public LocalKeyVault apiVersions(String... versions) {
    if (versions.length == 0) {
      throw new IllegalArgumentException("give at least one API version");
    }
    handler.apiVersions = List.of(versions);
    return this;
  }

  /**
   * Stamps every write from now on ({@code created} of a new version, {@code updated} of a changed one) with the
   * second of {@code at}, as writes within one second are; null returns to the default, a clock that moves on at
   * least a second per write.
   */
  public LocalKeyVault freezeWriteTime(Instant at) {
    vault.freezeWriteTime(at);
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

  /** The service limit of 4,000 secrets transactions per 10 seconds, as the vault enforces it (off by default). */
  public Quotas quotas() {
    return handler.quotas;
  }
  // ------------------------------------------------------------------ observation

  /**
   * How many authenticated requests of {@code operation} ({@code GetSecret}, {@code GetSecrets},
   * {@code GetSecretVersions}, {@code GetDeletedSecret}, {@code SetSecret}, {@code UpdateSecret}, {@code DeleteSecret},
   * {@code RecoverDeletedSecret}, {@code PurgeDeletedSecret}) arrived, faulted, throttled and refused ones too;
   * bearer challenges are not counted.
   */
  public int calls(String operation) {
    return (int) handler.requests.stream().filter(r -> operation.equals(r.operation())).count();
  }

  /** How many requests arrived, challenges and refusals included. */
  public int totalCalls() {
    return handler.requests.size();
  }

  /** Forgets every request: the counters start again from zero. */
  public void resetCalls() { handler.requests.clear(); }

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
