package dev.secrets4j.test.aws;

import dev.secrets4j.test.LocalTls;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A local AWS Secrets Manager on 127.0.0.1 and a random port, speaking the service's wire protocol (AWS JSON 1.1
 * over HTTP), for tests that go through the official SDK. {@link #newClient()} gives an SDK client wired to it;
 * {@link #sourceUri(String)} an {@code aws-sm} URI for it. Signatures are parsed for the access key id and region,
 * not verified.
 *
 * <p>Operations: {@code CreateSecret}, {@code PutSecretValue}, {@code GetSecretValue}, {@code BatchGetSecretValue}
 * (by id list, at most 20 ids), {@code DescribeSecret}, {@code ListSecrets}, {@code ListSecretVersionIds},
 * {@code UpdateSecretVersionStage}, {@code DeleteSecret}, {@code RestoreSecret}, with AWS's stage rules: a new
 * value becomes {@value #CURRENT} and the version that held it {@value #PREVIOUS}.
 *
 * <p>Secret ids are names of the server's own account ({@value #ACCOUNT}), full ARNs, or partial ARNs (without
 * AWS's six-character suffix); secrets of other accounts ({@link #putShared}) are reached by ARN only.
 *
 * <p>Test controls: {@link #put}, {@link #rotate} and {@link #delete} change the store directly (no protocol call,
 * nothing counted); {@link #inject(Fault)} plays failures; {@link #kms()} disables or refuses the secrets' keys;
 * {@link #quotas()} throttles as the service's request quotas do; {@link #calls(String)} counts requests per
 * operation. {@link #startHttps()} serves HTTPS with a certificate made at test time, which only
 * {@link #trustManagers()} (and {@link #newClient()}) trust. Thread-safe. Secret values appear in no exception
 * message and no {@code toString}.
 */
public final class LocalSecretsManager extends StoreSeeding implements AutoCloseable {
  /** The region of {@link #start()}: the one in the ARNs it makes and that {@link #newClient()} signs for. */
  public static final String REGION = "us-east-1";
  /** The account id in the ARNs this server makes. */
  public static final String ACCOUNT = "123456789012";
  /** The stage label of a secret's current version. */
  public static final String CURRENT = "AWSCURRENT";
  /** The stage label of the version that was current before the last rotation. */
  public static final String PREVIOUS = "AWSPREVIOUS";
  /** The stage label a rotation gives the version it is about to make current. */
  public static final String PENDING = "AWSPENDING";
  /** The access key id {@link #newClient()} signs with. */
  public static final String TEST_ACCESS_KEY_ID = "AKIDFAKESERVERADMIN";

  static {
    // answer headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm and the
    // client's delayed ACK add ~40 ms to every call. Read once, when the JDK's server first starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Faults faults = new Faults();
  private final CallLog log = new CallLog();
  private final LocalKms kms = new LocalKms(store);
  private final Quotas quotas = new Quotas(store);
  private final Reads reads = new Reads(store, faults, kms);
  private final CountDownLatch closing = new CountDownLatch(1);
  private final WireProtocol protocol = new WireProtocol(store, faults, log, reads, quotas, closing);
  private final List<SecretsManagerClient> clients = new CopyOnWriteArrayList<>();
  private final HttpServer http;
  private final boolean https;
  private final ExecutorService executor;

  private LocalSecretsManager(boolean https, String region) throws IOException {
    super(new Store(region));
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    this.https = https;
    if (https) {
      HttpsServer tls = HttpsServer.create(loopback, 128);
      tls.setHttpsConfigurator(new HttpsConfigurator(LocalTls.get().serverContext()));
      http = tls;
    } else {
      http = HttpServer.create(loopback, 128);
    }
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "local-secretsmanager-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/", protocol::handle);
    http.start();
  }

  /**
   * Starts a server on 127.0.0.1 and a free port.
   *
   * @return the listening server; close it when the test ends
   * @throws UncheckedIOException if no port on 127.0.0.1 can be bound
   */
  public static LocalSecretsManager start() {
    return start(false, REGION);
  }

  /**
   * Starts a server as {@link #start()} does, standing for Secrets Manager in {@code region}: its ARNs,
   * {@link #sourceUri(String)} and {@link #newClient()} name that region. With {@link #replicateTo} one server can
   * hold another's replicas, for tests of a source that fails over to a replica region.
   *
   * @throws IllegalArgumentException if {@code region} is not a region name such as {@code us-west-2}
   * @throws UncheckedIOException if no port on 127.0.0.1 can be bound
   */
  public static LocalSecretsManager startInRegion(String region) {
    if (region == null || !region.matches("[a-z]{2,}(-[a-z]+)+-[0-9]+")) {
      throw new IllegalArgumentException("not a region name such as us-west-2: " + region);
    }
    return start(false, region);
  }

  /**
   * Starts a server on 127.0.0.1 and a free port that speaks HTTPS only, with a self-signed certificate for
   * {@code localhost} and {@code 127.0.0.1} made once per JVM (BouncyCastle's {@code bcpkix-jdk18on} must be on
   * the test class path). Clients that do not trust {@link #trustManagers()} fail the TLS handshake, as against an
   * endpoint whose certificate the JVM's trust store does not hold.
   *
   * @return the listening server; close it when the test ends
   * @throws UncheckedIOException if no port on 127.0.0.1 can be bound
   */
  public static LocalSecretsManager startHttps() {
    return start(true, REGION);
  }

  private static LocalSecretsManager start(boolean https, String region) {
    try {
      return new LocalSecretsManager(https, region);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1", e);
    }
  }

  /**
   * {@code http://127.0.0.1:PORT} ({@code https://} for {@link #startHttps()}), for the SDK's
   * {@code endpointOverride} or a source URI's {@code endpoint=}.
   */
  public URI endpoint() {
    return URI.create((https ? "https" : "http") + "://127.0.0.1:" + http.getAddress().getPort());
  }

  /** The region this server stands for: {@value #REGION}, or the one given to {@link #startInRegion(String)}. */
  public String region() {
    return store.region;
  }

  /** Trust managers that trust this run's test certificate and nothing else, for a client of {@link #startHttps()}. */
  public static TrustManager[] trustManagers() {
    return LocalTls.get().trustManagers();
  }

  /**
   * An {@code aws-sm} URI for this server: {@code aws-sm://REGION?endpoint=ENDPOINT}, then {@code &params}.
   * Such a source finds credentials through the SDK's default chain: give the test JVM
   * {@code -Daws.accessKeyId} and {@code -Daws.secretAccessKey} (any values).
   *
   * @param params more URI parameters ({@code "prefix=dev/&timeout=300ms"}), or empty
   */
  public String sourceUri(String params) {
    return "aws-sm://" + region() + "?endpoint=" + endpoint() + (params.isEmpty() ? "" : "&" + params);
  }

  /**
   * A new SDK client for this server: its {@link #region()}, static credentials ({@value #TEST_ACCESS_KEY_ID}),
   * the JDK HTTP client (trusting the test certificate of {@link #startHttps()}), no retries. Close it when done, or let {@link #close()} close it.
   */
  public SecretsManagerClient newClient() {
    SecretsManagerClient c = SecretsManagerClient.builder()
        .endpointOverride(endpoint())
        .region(Region.of(region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(TEST_ACCESS_KEY_ID, "test-secret-access-key")))
        .httpClientBuilder(https ? UrlConnectionHttpClient.builder().tlsTrustManagersProvider(
            LocalSecretsManager::trustManagers) : UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    clients.add(c);
    return c;
  }

  /** Stops listening, releases held requests, closes the clients {@link #newClient()} gave, ends the threads. */
  @Override
  public void close() {
    closing.countDown();
    faults.releaseHangs();
    clients.forEach(SecretsManagerClient::close);
    http.stop(0);
    executor.shutdownNow();
  }

  // ------------------------------------------------------------------ behaviour

  /**
   * Latency added to every call before it is answered (benchmarks); zero by default.
   *
   * @throws IllegalArgumentException if {@code perCall} is negative
   */
  public LocalSecretsManager latency(Duration perCall) {
    protocol.latency = nonNegative(perCall);
    return this;
  }

  /**
   * Latency added to every call of {@code operation}, on top of {@link #latency(Duration)}.
   *
   * @throws IllegalArgumentException if {@code perCall} is negative
   */
  public LocalSecretsManager latency(String operation, Duration perCall) {
    protocol.operationLatency.put(Objects.requireNonNull(operation, "operation"), nonNegative(perCall));
    return this;
  }

  /**
   * Makes {@code ListSecrets} lag behind changes by {@code lag}, on {@link #clock(Clock)}'s time, as AWS documents
   * it may ("might not reflect changes from the last five minutes"): a listing shows each secret as it was
   * {@code lag} ago (its versions, stages and deletion), and leaves out one created since. {@code DescribeSecret}
   * and the value reads stay current. Zero, the default, shows every change at once.
   *
   * @throws IllegalArgumentException if {@code lag} is negative
   */
  public LocalSecretsManager listingLag(Duration lag) {
    store.listingLag = nonNegative(lag);
    return this;
  }

  /** The clock for creation, change, rotation and deletion dates; the system UTC clock by default. */
  public LocalSecretsManager clock(Clock clock) {
    store.clock(clock);
    return this;
  }

  /**
   * How many secrets one {@code BatchGetSecretValue} answer carries before it hands out a {@code NextToken} (AWS
   * may paginate even an id list); 20 by default, that is never for a valid id list.
   *
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public LocalSecretsManager batchPageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("batchPageSize must be at least 1, was " + size);
    }
    reads.batchPageSize = size;
    return this;
  }

  /** Adds a fault; faults are tried in the order added, and the first that matches a call plays. */
  public LocalSecretsManager inject(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** Removes every fault and releases held requests. */
  public LocalSecretsManager clearFaults() {
    faults.clear();
    faults.releaseHangs();
    return this;
  }

  /** Lets every request held by a {@link Fault#hang()} go (its connection is then dropped). */
  public void releaseHangs() {
    faults.releaseHangs();
  }

  /** Every action on {@code secretName} is refused with {@code AccessDeniedException}, as by an IAM policy. */
  public LocalSecretsManager denyAccess(String secretName) {
    return denyAccess(secretName, "*");
  }

  /**
   * {@code action} ({@code GetSecretValue}, {@code DescribeSecret}, ...; {@code *} for all) on {@code secretName} is
   * refused with {@code AccessDeniedException}, as by an IAM policy that denies that action alone. A batch entry
   * needs {@code GetSecretValue}.
   */
  public LocalSecretsManager denyAccess(String secretName, String action) {
    store.deny(Objects.requireNonNull(secretName, "secretName"), Objects.requireNonNull(action, "action"));
    return this;
  }

  /** The keys of the secrets: disable one, or refuse the caller's use of it. */
  public LocalKms kms() {
    return kms;
  }

  /** The request quotas per operation and second (off by default). */
  public Quotas quotas() {
    return quotas;
  }

  /**
   * Whether error answers name their type in the long form ({@code "__type": "com.amazon.coral.service#Type"}),
   * as some of the service's endpoints do; the short form ({@code "Type"}) by default.
   */
  public LocalSecretsManager longErrorTypes(boolean longForm) {
    protocol.longErrorTypes = longForm;
    return this;
  }

  /** Every call of {@code operation} is refused with {@code AccessDeniedException}. */
  public LocalSecretsManager denyOperation(String operation) {
    protocol.deniedOperations.add(Objects.requireNonNull(operation, "operation"));
    return this;
  }

  /** Requests signed with {@code accessKeyId} get {@code UnrecognizedClientException}, as for an unknown key. */
  public LocalSecretsManager rejectAccessKey(String accessKeyId) {
    protocol.rejectedAccessKeys.add(Objects.requireNonNull(accessKeyId, "accessKeyId"));
    return this;
  }

  // ------------------------------------------------------------------ observation

  /** How many requests for {@code operation} ({@code GetSecretValue}) reached the server, retried and faulted ones too. */
  public int calls(String operation) {
    return log.calls(operation);
  }

  /** How many requests reached the server, any operation. */
  public int totalCalls() {
    return log.total();
  }

  /** Sets every counter back to zero and forgets the last requests. */
  public void resetCalls() {
    log.reset();
  }

  /** The parsed body of the last {@code operation} request (it may hold a value being written), or an empty map. */
  public Map<String, Object> lastRequest(String operation) {
    return log.lastRequest(operation);
  }

  /** The access key id the last request was signed with, or null before any request. */
  public String lastAccessKeyId() {
    return log.lastAccessKeyId;
  }

  /** The region the last request was signed for, or null before any request. */
  public String lastSigningRegion() {
    return log.lastSigningRegion;
  }

  private static Duration nonNegative(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "LocalSecretsManager[" + endpoint() + "]";
  }
}
