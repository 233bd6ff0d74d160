package dev.secrets4j.test.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.protobuf.ByteString;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A local Google Cloud Secret Manager on 127.0.0.1 and a free port, speaking the service's gRPC protocol in
 * plaintext, for tests that go through the official client. {@link #newClient()} gives a client wired to it;
 * {@link #sourceUri(String, String)} a {@code gcp-sm} URI for it. No credentials are asked for.
 *
 * <p>It behaves as the service does where clients depend on it: {@code latest} is the newest version whatever its
 * state (or, with {@link #latestLagsBy(int)}, the one before for a while); versions are also read by alias
 * ({@link #alias}); reading a disabled or destroyed version is {@code FAILED_PRECONDITION} "Secret Version [...] is
 * in DISABLED state."; missing secrets and versions are {@code NOT_FOUND}, or {@code PERMISSION_DENIED} for a
 * caller without project access ({@link #projectAccess(boolean)}) or whose access was taken away
 * ({@link #denyAccess(String)}); throttling carries a {@code google.rpc.RetryInfo} ({@link Fault#throttling()});
 * payloads carry {@code data_crc32c}; {@code ListSecretVersions} pages and filters by state.
 *
 * <p>Test controls: {@link #put}, {@link #rotate} and {@link #delete} change the store directly (no call counted);
 * {@link #inject(Fault)} plays failures; {@link #calls(String)} counts calls per gRPC method. A secret is named by
 * its id in {@value #PROJECT} ({@code "api-key"}) or by its full resource name
 * ({@code "projects/P/secrets/api-key"}, with {@code /locations/L} for a regional one). Thread-safe. Secret values
 * appear in no status description and no {@code toString}.
 */
public final class LocalSecretManager implements AutoCloseable {
  /** The project a secret named by its bare id belongs to. */
  public static final String PROJECT = "local-project";
  /** The deadline of every call of a {@link #newClient()} client. */
  public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

  private final Store store = new Store();
  private final GrpcService service = new GrpcService(store);
  private final CallInterceptor interceptor = new CallInterceptor();
  private final List<SecretManagerServiceClient> clients = new CopyOnWriteArrayList<>();
  private final Server server;

  private LocalSecretManager() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
        .addService(ServerInterceptors.intercept(service, interceptor))
        .build()
        .start();
  }

  /**
   * Starts a server on 127.0.0.1 and a free port.
   *
   * @return the listening server; close it when the test ends
   * @throws UncheckedIOException if no port on 127.0.0.1 can be bound
   */
  public static LocalSecretManager start() {
    try {
      return new LocalSecretManager();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1", e);
    }
  }

  /** {@code 127.0.0.1:PORT}, for the client settings' {@code setEndpoint} or a source URI's {@code endpoint=}. */
  public String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  /**
   * A {@code gcp-sm} URI for this server: {@code gcp-sm://PROJECT?endpoint=ENDPOINT&plaintext=true}, then
   * {@code &params}.
   *
   * @param project the project the source reads ({@value #PROJECT} for secrets named by bare id)
   * @param params more URI parameters ({@code "prefix=team-a-"}), or empty
   */
  public String sourceUri(String project, String params) {
    return "gcp-sm://" + Objects.requireNonNull(project, "project") + "?endpoint=" + endpoint() + "&plaintext=true"
        + (params.isEmpty() ? "" : "&" + params);
  }

  /**
   * A new client for this server: plaintext, no credentials, one attempt of at most {@link #CLIENT_TIMEOUT} per
   * call. Shut it down when done, or let {@link #close()} do it.
   *
   * @throws UncheckedIOException if the client cannot be created
   */
  public SecretManagerServiceClient newClient() {
    RetrySettings once = RetrySettings.newBuilder()
        .setInitialRpcTimeoutDuration(CLIENT_TIMEOUT)
        .setMaxRpcTimeoutDuration(CLIENT_TIMEOUT)
        .setTotalTimeoutDuration(CLIENT_TIMEOUT)
        .setMaxAttempts(1)
        .build();
    SecretManagerServiceSettings.Builder settings = SecretManagerServiceSettings.newBuilder()
        .setEndpoint(endpoint())
        .setCredentialsProvider(NoCredentialsProvider.create())
        .setTransportChannelProvider(SecretManagerServiceSettings.defaultGrpcTransportProviderBuilder()
            .setChannelConfigurator(b -> b.usePlaintext())
            .build());
    settings.applyToAllUnaryMethods(method -> {
      method.setRetrySettings(once);
      return null;
    });
    try {
      SecretManagerServiceClient c = SecretManagerServiceClient.create(settings.build());
      clients.add(c);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a client for " + endpoint(), e);
    }
  }

  /** Stops listening and drops every connection, as an outage would; the store is kept. Not reversible. */
  public void stop() {
    server.shutdownNow();
  }

  /** Stops the server and every client {@link #newClient()} gave; waits at most 5 s for each. */
  @Override
  public void close() {
    for (SecretManagerServiceClient c : clients) {
      c.shutdownNow();
    }
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
      for (SecretManagerServiceClient c : clients) {
        c.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ the store, directly (no protocol)

  /**
   * Adds {@code value} (UTF-8) as the new latest version of {@code name}, creating the secret (automatic
   * replication) if needed.
   *
   * @return the new version's number ({@code "1"}, {@code "2"}, ...)
   * @throws IllegalArgumentException if {@code name} is neither a secret id nor a secret's resource name
   */
  public String put(String name, String value) {
    Objects.requireNonNull(value, "value");
    String resource = resource(name);
    synchronized (store) {
      StoredSecret s = store.secrets.get(resource);
      if (s == null) {
        s = store.create(resource, Secret.getDefaultInstance());
      }
      return number(store.add(s, ByteString.copyFrom(value, StandardCharsets.UTF_8), true));
    }
  }

  /**
   * Rotates {@code name}: {@code value} becomes the new latest version and the version before it stays enabled, to
   * be read as the previous one. (Secret Manager records no rotation date of its own.)
   *
   * @return the new version's number
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public String rotate(String name, String value) {
    Objects.requireNonNull(value, "value");
    synchronized (store) {
      require(name);
      return put(name, value);
    }
  }

  /**
   * Deletes {@code name} and all its versions, as {@code DeleteSecret} does: reads of it then answer
   * {@code NOT_FOUND}.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public void delete(String name) {
    synchronized (store) {
      store.secrets.remove(require(name).secret.getName());
    }
  }

  /** The version numbers of {@code name}, oldest first, or an empty list. */
  public List<String> versionIds(String name) {
    List<String> ids = new ArrayList<>();
    synchronized (store) {
      StoredSecret s = store.secrets.get(resource(name));
      if (s != null) {
        s.versions.forEach(v -> ids.add(number(v)));
      }
    }
    return ids;
  }

  private StoredSecret require(String name) {
    StoredSecret s = store.secrets.get(resource(name));
    if (s == null) {
      throw new IllegalArgumentException("no secret " + name);
    }
    return s;
  }

  private static String resource(String name) {
    Objects.requireNonNull(name, "name");
    if (name.startsWith("projects/") && name.contains("/secrets/")) {
      return name;
    }
    if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
      throw new IllegalArgumentException("'" + name + "' is neither a secret id nor projects/P/secrets/ID");
    }
    return "projects/" + PROJECT + "/secrets/" + name;
  }

  private static String number(StoredVersion v) {
    String n = v.meta.getName();
    return n.substring(n.lastIndexOf('/') + 1);
  }

  /**
   * Points version alias {@code alias} of {@code name} at version {@code version}, as {@code UpdateSecret} with
   * {@code version_aliases} does: {@code projects/P/secrets/S/versions/ALIAS} then reads that version.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}, the alias is not a valid alias name, or
   *     the version does not exist
   */
  public void alias(String name, String alias, String version) {
    Objects.requireNonNull(alias, "alias");
    synchronized (store) {
      StoredSecret s = require(name);
      Map<String, Long> aliases = new LinkedHashMap<>(s.secret.getVersionAliasesMap());
      aliases.put(alias, Long.parseLong(Objects.requireNonNull(version, "version")));
      try {
        Store.checkAliases(s, aliases);
      } catch (io.grpc.StatusRuntimeException e) {
        throw new IllegalArgumentException(e.getStatus().getDescription(), e);
      }
      s.secret = s.secret.toBuilder().putVersionAliases(alias, aliases.get(alias)).build();
    }
  }

  // ------------------------------------------------------------------ behaviour

  /**
   * Whether the caller has a role on the projects ({@code true} by default). Without, a call about a secret that
   * does not exist answers {@code PERMISSION_DENIED} "Permission 'secretmanager.versions.access' denied for resource
   * '...' (or it may not exist)." instead of {@code NOT_FOUND}, as the service does: it does not tell a caller
   * without access whether a secret exists.
   */
  public LocalSecretManager projectAccess(boolean granted) {
    synchronized (store) {
      store.projectAccess = granted;
    }
    return this;
  }

  /**
   * Takes the caller's access to {@code name} away, as removing its IAM binding on the secret would: every call
   * about the secret or its versions answers {@code PERMISSION_DENIED}, the secret existing or not.
   *
   * @throws IllegalArgumentException if {@code name} is neither a secret id nor a secret's resource name
   */
  public LocalSecretManager denyAccess(String name) {
    synchronized (store) {
      store.denied.add(resource(name));
    }
    return this;
  }

  /** Gives back access taken with {@link #denyAccess(String)}. */
  public LocalSecretManager allowAccess(String name) {
    synchronized (store) {
      store.denied.remove(resource(name));
    }
    return this;
  }

  /**
   * Makes {@code latest} eventually consistent: after each new version, the next {@code reads} reads through
   * {@code latest} (any method) still answer the version before it. 0, the default, is read-your-writes.
   *
   * @throws IllegalArgumentException if {@code reads} is negative
   */
  public LocalSecretManager latestLagsBy(int reads) {
    if (reads < 0) {
      throw new IllegalArgumentException("reads must not be negative, was " + reads);
    }
    synchronized (store) {
      store.latestLag = reads;
    }
    return this;
  }

  /** Adds a fault; faults are tried in the order added, and the first that matches a call plays. */
  public LocalSecretManager inject(Fault fault) {
    interceptor.add(Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** Removes every fault. Calls already held by a {@link Fault#hang()} stay unanswered. */
  public LocalSecretManager clearFaults() {
    interceptor.clearFaults();
    return this;
  }

  /**
   * The next {@code n} payloads {@code AccessSecretVersion} sends are corrupted on the way: one byte changes, the
   * checksum does not.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public LocalSecretManager corruptNextPayloads(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, was " + n);
    }
    service.corruptPayloads.set(n);
    return this;
  }

  /** Whether {@code ListSecretVersions} lists oldest first; newest first by default (the service promises no order). */
  public LocalSecretManager listOldestFirst(boolean ascending) {
    service.listAscending = ascending;
    return this;
  }

  // ------------------------------------------------------------------ observation

  /** The request quotas per project and minute, as the service enforces them (off by default). */
  public Quotas quotas() {
    return interceptor.quotas;
  }

  /** How many calls of {@code method} (a bare gRPC method name, {@code AccessSecretVersion}) arrived, failed ones too. */
  public int calls(String method) {
    return interceptor.calls(method);
  }

  /** How many calls arrived, any method. */
  public int totalCalls() {
    return interceptor.total();
  }

  /** Sets every counter back to zero and forgets the requests. */
  public void resetCalls() {
    interceptor.reset();
  }

  /** Every call that arrived, in order, as {@code Method resource-name}. */
  public List<String> requests() {
    return interceptor.requests();
  }

  @Override
  public String toString() {
    return "LocalSecretManager[" + endpoint() + "]";
  }
}
