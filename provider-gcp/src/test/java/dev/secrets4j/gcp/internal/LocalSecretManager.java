package dev.secrets4j.gcp.internal;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.DestroySecretVersionRequest;
import com.google.cloud.secretmanager.v1.DisableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.EnableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceGrpc;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.ForwardingServerCallListener;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A Secret Manager that speaks the real gRPC protocol on 127.0.0.1 (plaintext, a free port), kept in memory, with
 * fault injection: status codes, calls that never answer (the client's deadline ends them), corrupted payloads,
 * and stopping the whole server. The tests point the real {@link SecretManagerServiceClient} at it.
 *
 * <p>It behaves as the service does where the provider depends on it: {@code latest} is the newest version
 * whatever its state; reading a disabled or destroyed version is {@code FAILED_PRECONDITION}; missing secrets and
 * versions are {@code NOT_FOUND}; payloads carry {@code data_crc32c}, and a wrong checksum on
 * {@code AddSecretVersion} is {@code INVALID_ARGUMENT}; {@code ListSecretVersions} pages and honours
 * {@code state:STATE} filters.
 */
public final class LocalSecretManager implements AutoCloseable {
  private static final Pattern PARENT = Pattern.compile("projects/[^/]+(/locations/[^/]+)?");
  private static final Pattern SECRET = Pattern.compile("(projects/[^/]+(?:/locations/[^/]+)?)/secrets/([^/]+)");
  private static final Pattern VERSION = Pattern.compile(
      "(projects/[^/]+(?:/locations/[^/]+)?/secrets/[^/]+)/versions/([^/]+)");
  private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private final Map<String, StoredSecret> secrets = new LinkedHashMap<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger corruptPayloads = new AtomicInteger();
  private final List<SecretManagerServiceClient> clients = new CopyOnWriteArrayList<>();
  private volatile boolean listAscending;
  private long seconds = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
  private final Server server;

  private LocalSecretManager() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
        .addService(ServerInterceptors.intercept(new Service(), new Faults()))
        .build()
        .start();
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  public static LocalSecretManager start() throws IOException {
    return new LocalSecretManager();
  }

  /** {@code 127.0.0.1:PORT}. */
  public String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  /** A {@code gcp-sm} URI for this server: {@code gcp-sm://PROJECT?endpoint=...&plaintext=true} plus {@code extra}. */
  String uri(String project, String extra) {
    return "gcp-sm://" + project + "?endpoint=" + endpoint() + "&plaintext=true" + (extra.isEmpty() ? "" : "&" + extra);
  }

  /** A real client for this server: plaintext, no credentials, the provider's bounded retries. Closed with the server. */
  SecretManagerServiceClient newClient(Duration timeout, int attempts) throws IOException {
    SecretManagerServiceClient c = SecretManagerServiceClient.create(GcpClients.settings(timeout, attempts)
        .setEndpoint(endpoint())
        .setCredentialsProvider(NoCredentialsProvider.create())
        .setTransportChannelProvider(SecretManagerServiceSettings.defaultGrpcTransportProviderBuilder()
            .setChannelConfigurator(b -> b.usePlaintext())
            .build())
        .build());
    clients.add(c);
    return c;
  }

  // ------------------------------------------------------------------------------------------- fault injection

  /** The next {@code times} calls of {@code method} whose resource contains {@code resourcePart} fail with {@code code}. */
  void fail(String method, String resourcePart, Status.Code code, int times) {
    faults.add(new Fault(method, resourcePart, code, times));
  }

  /** Every call of {@code method} fails with {@code code} until {@link #clearFaults()}. */
  void failAlways(String method, Status.Code code) {
    faults.add(new Fault(method, "", code, -1));
  }

  /** Every call of {@code method} is accepted and never answered, until {@link #clearFaults()}. */
  void hangAlways(String method) {
    faults.add(new Fault(method, "", null, -1));
  }

  void clearFaults() {
    faults.clear();
  }

  /** The next {@code n} payloads sent are corrupted on the way: one byte changes, the checksum does not. */
  void corruptNextPayloads(int n) {
    corruptPayloads.set(n);
  }

  /** Whether {@code ListSecretVersions} lists oldest first (the service promises no order). */
  void listOldestFirst(boolean ascending) {
    this.listAscending = ascending;
  }

  /** How many calls of {@code method} (bare name, {@code AccessSecretVersion}) arrived, failed ones included. */
  int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  /** Every request that arrived, as {@code Method resource-name}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** Stops listening and drops every connection. */
  void stop() {
    server.shutdownNow();
  }

  /** Stops the server and every client it handed out; waits at most 5 s for each. */
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

  private static final class Fault {
    final String method;
    final String resourcePart;
    final Status.Code code;
    final boolean forever;
    final AtomicInteger remaining;

    Fault(String method, String resourcePart, Status.Code code, int times) {
      this.method = method;
      this.resourcePart = resourcePart;
      this.code = code;
      this.forever = times < 0;
      this.remaining = new AtomicInteger(Math.max(0, times));
    }
  }

  private Fault takeFault(String method, String resource) {
    for (Fault f : faults) {
      if (!f.method.equals(method) || !resource.contains(f.resourcePart)) {
        continue;
      }
      if (f.forever) {
        return f;
      }
      if (f.remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return f;
      }
      faults.remove(f);
    }
    return null;
  }

  private final class Faults implements ServerInterceptor {
    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
        ServerCallHandler<ReqT, RespT> next) {
      String method = call.getMethodDescriptor().getBareMethodName();
      calls.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
      return new ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT>(next.startCall(call, headers)) {
        private boolean intercepted;

        @Override
        public void onMessage(ReqT message) {
          String resource = resourceOf(message);
          requests.add(method + " " + resource);
          Fault f = takeFault(method, resource);
          if (f == null) {
            super.onMessage(message);
            return;
          }
          intercepted = true;
          if (f.code != null) {
            call.close(Status.fromCode(f.code).withDescription("injected " + f.code + " for " + resource),
                new Metadata());
          }
          // no code: never answer; the client's deadline ends the call
        }

        @Override
        public void onHalfClose() {
          if (!intercepted) {
            super.onHalfClose();
          }
        }
      };
    }
  }

  private static String resourceOf(Object message) {
    if (!(message instanceof Message)) {
      return "";
    }
    Message m = (Message) message;
    for (String field : List.of("name", "parent")) {
      Descriptors.FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
      if (f != null) {
        return String.valueOf(m.getField(f));
      }
    }
    return "";
  }

  // ------------------------------------------------------------------------------------------- the store

  private static final class StoredSecret {
    Secret secret;
    final List<StoredVersion> versions = new ArrayList<>();
  }

  private static final class StoredVersion {
    SecretVersion meta;
    ByteString data;
    long crc32c;
  }

  private synchronized Timestamp now() {
    seconds += 1;
    return Timestamp.newBuilder().setSeconds(seconds).build();
  }

  private static StatusRuntimeException error(Status.Code code, String description) {
    return Status.fromCode(code).withDescription(description).asRuntimeException();
  }

  private static long crc32c(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    return c.getValue();
  }

  private StoredSecret secret(String name) {
    Matcher m = SECRET.matcher(name);
    if (!m.matches()) {
      throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: " + name);
    }
    StoredSecret s = secrets.get(name);
    if (s == null) {
      throw error(Status.Code.NOT_FOUND, "Secret [" + name + "] not found.");
    }
    return s;
  }

  /** The version a name points at: a number, or {@code latest} (the newest, whatever its state). */
  private StoredVersion version(String name) {
    Matcher m = VERSION.matcher(name);
    if (!m.matches()) {
      throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: " + name);
    }
    StoredSecret s = secrets.get(m.group(1));
    String v = m.group(2);
    if (v.equals("latest")) {
      if (s == null || s.versions.isEmpty()) {
        throw error(Status.Code.NOT_FOUND, "Secret [" + m.group(1) + "] not found or has no versions.");
      }
      return s.versions.get(s.versions.size() - 1);
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: " + name);
    }
    if (s == null || n < 1 || n > s.versions.size()) {
      throw error(Status.Code.NOT_FOUND, "Secret Version [" + name + "] not found.");
    }
    return s.versions.get(n - 1);
  }

  private final class Service extends SecretManagerServiceGrpc.SecretManagerServiceImplBase {
    private <T> void answer(StreamObserver<T> observer, java.util.function.Supplier<T> body) {
      T result;
      try {
        synchronized (LocalSecretManager.this) {
          result = body.get();
        }
      } catch (StatusRuntimeException e) {
        observer.onError(e);
        return;
      }
      observer.onNext(result);
      observer.onCompleted();
    }

    @Override
    public void createSecret(CreateSecretRequest request, StreamObserver<Secret> observer) {
      answer(observer, () -> {
        if (!PARENT.matcher(request.getParent()).matches()) {
          throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: parent");
        }
        if (!SECRET_ID.matcher(request.getSecretId()).matches()) {
          throw error(Status.Code.INVALID_ARGUMENT, "Invalid secret id: " + request.getSecretId());
        }
        String name = request.getParent() + "/secrets/" + request.getSecretId();
        if (secrets.containsKey(name)) {
          throw error(Status.Code.ALREADY_EXISTS, "Secret [" + name + "] already exists.");
        }
        StoredSecret s = new StoredSecret();
        s.secret = request.getSecret().toBuilder().setName(name).setCreateTime(now()).build();
        secrets.put(name, s);
        return s.secret;
      });
    }

    @Override
    public void addSecretVersion(AddSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
      answer(observer, () -> {
        StoredSecret s = secret(request.getParent());
        byte[] data = request.getPayload().getData().toByteArray();
        long crc = crc32c(data);
        if (request.getPayload().hasDataCrc32C() && request.getPayload().getDataCrc32C() != crc) {
          throw error(Status.Code.INVALID_ARGUMENT, "Checksum mismatch: the data_crc32c does not match the data.");
        }
        StoredVersion v = new StoredVersion();
        v.data = request.getPayload().getData();
        v.crc32c = crc;
        v.meta = SecretVersion.newBuilder()
            .setName(request.getParent() + "/versions/" + (s.versions.size() + 1))
            .setCreateTime(now())
            .setState(SecretVersion.State.ENABLED)
            .setClientSpecifiedPayloadChecksum(request.getPayload().hasDataCrc32C())
            .build();
        s.versions.add(v);
        return v.meta;
      });
    }

    @Override
    public void getSecret(GetSecretRequest request, StreamObserver<Secret> observer) {
      answer(observer, () -> secret(request.getName()).secret);
    }

    @Override
    public void getSecretVersion(GetSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
      answer(observer, () -> version(request.getName()).meta);
    }

    @Override
    public void accessSecretVersion(AccessSecretVersionRequest request,
        StreamObserver<AccessSecretVersionResponse> observer) {
      answer(observer, () -> {
        StoredVersion v = version(request.getName());
        if (v.meta.getState() != SecretVersion.State.ENABLED) {
          throw error(Status.Code.FAILED_PRECONDITION,
              "Secret Version [" + v.meta.getName() + "] is in " + v.meta.getState() + " state.");
        }
        ByteString data = v.data;
        if (corruptPayloads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          byte[] bytes = data.isEmpty() ? "x".getBytes(StandardCharsets.UTF_8) : data.toByteArray();
          bytes[0] ^= 0x20;
          data = ByteString.copyFrom(bytes);
        }
        return AccessSecretVersionResponse.newBuilder()
            .setName(v.meta.getName())
            .setPayload(SecretPayload.newBuilder().setData(data).setDataCrc32C(v.crc32c))
            .build();
      });
    }

    @Override
    public void listSecretVersions(ListSecretVersionsRequest request,
        StreamObserver<ListSecretVersionsResponse> observer) {
      answer(observer, () -> {
        StoredSecret s = secret(request.getParent());
        String filter = request.getFilter().trim();
        SecretVersion.State wanted = null;
        if (!filter.isEmpty()) {
          if (!filter.startsWith("state:")) {
            throw error(Status.Code.INVALID_ARGUMENT, "Unsupported filter: " + filter);
          }
          wanted = SecretVersion.State.valueOf(filter.substring("state:".length()));
        }
        List<SecretVersion> all = new ArrayList<>();
        for (StoredVersion v : s.versions) {
          if (wanted == null || v.meta.getState() == wanted) {
            all.add(v.meta);
          }
        }
        Comparator<SecretVersion> byCreation = Comparator.comparing(v -> v.getCreateTime().getSeconds());
        all.sort(listAscending ? byCreation : byCreation.reversed());
        int size = request.getPageSize() <= 0 ? 25_000 : Math.min(request.getPageSize(), 25_000);
        int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int to = Math.min(all.size(), from + size);
        return ListSecretVersionsResponse.newBuilder()
            .addAllVersions(all.subList(Math.min(from, to), to))
            .setNextPageToken(to < all.size() ? Integer.toString(to) : "")
            .setTotalSize(all.size())
            .build();
      });
    }

    @Override
    public void disableSecretVersion(DisableSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
      answer(observer, () -> setState(request.getName(), SecretVersion.State.DISABLED));
    }

    @Override
    public void enableSecretVersion(EnableSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
      answer(observer, () -> setState(request.getName(), SecretVersion.State.ENABLED));
    }

    @Override
    public void destroySecretVersion(DestroySecretVersionRequest request, StreamObserver<SecretVersion> observer) {
      answer(observer, () -> {
        StoredVersion v = version(request.getName());
        v.data = ByteString.EMPTY;
        v.meta = v.meta.toBuilder().setState(SecretVersion.State.DESTROYED).setDestroyTime(now()).build();
        return v.meta;
      });
    }

    private SecretVersion setState(String name, SecretVersion.State state) {
      StoredVersion v = version(name);
      if (v.meta.getState() == SecretVersion.State.DESTROYED) {
        throw error(Status.Code.FAILED_PRECONDITION, "Secret Version [" + v.meta.getName() + "] is in DESTROYED state.");
      }
      v.meta = v.meta.toBuilder().setState(state).build();
      return v.meta;
    }
  }
}
