package dev.secrets4j.test.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Test controls: {@link #put}, {@link #rotate} and {@link #delete} change the store directly (no protocol call,
 * nothing counted); {@link #inject(Fault)} plays failures; {@link #calls(String)} counts requests per operation.
 * Thread-safe. Secret values appear in no exception message and no {@code toString}.
 */
public final class LocalSecretsManager implements AutoCloseable {
  /** The region in the ARNs this server makes and that {@link #newClient()} signs for. */
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

  private final Store store = new Store();
  private final Faults faults = new Faults();
  private final CallLog log = new CallLog();
  private final Reads reads = new Reads(store, faults);
  private final CountDownLatch closing = new CountDownLatch(1);
  private final WireProtocol protocol = new WireProtocol(store, faults, log, reads, closing);
  private final List<SecretsManagerClient> clients = new CopyOnWriteArrayList<>();
  private final HttpServer http;
  private final ExecutorService executor;

  private LocalSecretsManager() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
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
    try {
      return new LocalSecretsManager();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1", e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, for the SDK's {@code endpointOverride} or a source URI's {@code endpoint=}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /**
   * An {@code aws-sm} URI for this server: {@code aws-sm://us-east-1?endpoint=ENDPOINT}, then {@code &params}.
   * Such a source finds credentials through the SDK's default chain: give the test JVM
   * {@code -Daws.accessKeyId} and {@code -Daws.secretAccessKey} (any values).
   *
   * @param params more URI parameters ({@code "prefix=dev/&timeout=300ms"}), or empty
   */
  public String sourceUri(String params) {
    return "aws-sm://" + REGION + "?endpoint=" + endpoint() + (params.isEmpty() ? "" : "&" + params);
  }

  /**
   * A new SDK client for this server: region {@value #REGION}, static credentials ({@value #TEST_ACCESS_KEY_ID}),
   * the JDK HTTP client, no retries. Close it when done, or let {@link #close()} close it.
   */
  public SecretsManagerClient newClient() {
    SecretsManagerClient c = SecretsManagerClient.builder()
        .endpointOverride(endpoint())
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(TEST_ACCESS_KEY_ID, "test-secret-access-key")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
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

  // ------------------------------------------------------------------ the store, directly (no protocol)

  /**
   * Stores {@code value} as the new {@value #CURRENT} version of {@code name}, creating the secret if needed; the
   * version that was current becomes {@value #PREVIOUS}.
   *
   * @return the new version's id
   */
  public String put(String name, String value) {
    return put(name, Objects.requireNonNull(value, "value"), null, false);
  }

  /** As {@link #put(String, String)}, for a binary value ({@code SecretBinary}); the array is copied. */
  public String put(String name, byte[] value) {
    return put(name, null, Objects.requireNonNull(value, "value").clone(), false);
  }

  /**
   * Rotates {@code name} as Secrets Manager's rotation does: {@code value} becomes the new {@value #CURRENT}
   * version, the old one {@value #PREVIOUS}, and {@code DescribeSecret} reports the rotation date.
   *
   * @return the new version's id
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public String rotate(String name, String value) {
    Objects.requireNonNull(value, "value");
    synchronized (store.lock) {
      store.require(name);
      return put(name, value, null, true);
    }
  }

  private String put(String name, String string, byte[] binary, boolean rotation) {
    Objects.requireNonNull(name, "name");
    synchronized (store.lock) {
      StoredSecret s = store.secrets.computeIfAbsent(name, n -> new StoredSecret(n, store.now()));
      String id = UUID.randomUUID().toString();
      s.addVersion(id, string, binary, List.of(CURRENT), store.now());
      if (rotation) {
        s.lastRotated = store.now();
      }
      return id;
    }
  }

  /**
   * Schedules {@code name} for deletion, as {@code DeleteSecret} does by default (30 days' recovery window): reads
   * of it then fail with {@code InvalidRequestException}, and {@code RestoreSecret} brings it back.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public void delete(String name) {
    synchronized (store.lock) {
      store.require(name).deletionDate = store.now().plus(Duration.ofDays(30));
    }
  }

  /** The ids of {@code name}'s versions, oldest first (versions without a stage included), or an empty list. */
  public List<String> versionIds(String name) {
    synchronized (store.lock) {
      StoredSecret s = store.secrets.get(Objects.requireNonNull(name, "name"));
      return s == null ? List.of() : new ArrayList<>(s.versions.keySet());
    }
  }

  /**
   * The id of the version of {@code name} that holds {@code stage}, or null.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public String versionIdWithStage(String name, String stage) {
    synchronized (store.lock) {
      StoredVersion v = store.require(name).withStage(stage);
      return v == null ? null : v.id;
    }
  }

  /**
   * Sets a tag on {@code name}.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public void tag(String name, String key, String value) {
    synchronized (store.lock) {
      store.require(name).tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }
  }

  /**
   * Sets the rotation fields {@code DescribeSecret} reports; a null date is left out of the answer.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public void rotation(String name, boolean enabled, Instant lastRotated, Instant nextRotation) {
    synchronized (store.lock) {
      StoredSecret s = store.require(name);
      s.rotationEnabled = enabled;
      s.lastRotated = lastRotated;
      s.nextRotation = nextRotation;
    }
  }

  /**
   * Sets the rotation rules {@code DescribeSecret} reports ({@code AutomaticallyAfterDays},
   * {@code ScheduleExpression}); null leaves a rule out.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public void rotationRules(String name, Long automaticallyAfterDays, String scheduleExpression) {
    synchronized (store.lock) {
      StoredSecret s = store.require(name);
      s.rotateAfterDays = automaticallyAfterDays;
      s.rotationSchedule = scheduleExpression;
    }
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

  /** Reads of {@code secretName} are refused with {@code AccessDeniedException}, as by an IAM policy. */
  public LocalSecretsManager denyAccess(String secretName) {
    store.deniedSecrets.add(Objects.requireNonNull(secretName, "secretName"));
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
