package dev.secrets4j.test.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A local AWS Secrets Manager that speaks the service's real wire protocol, AWS JSON 1.1 over HTTP, for tests
 * and benchmarks that go through the official SDK: {@code POST /} with {@code X-Amz-Target:
 * secretsmanager.<Operation>} and {@code Content-Type: application/x-amz-json-1.1}; errors are
 * {@code {"__type": ..., "Message": ...}} with the status AWS uses. Binds 127.0.0.1 on a random port; point an
 * SDK client at {@link #endpoint()} with {@code endpointOverride} and any static credentials (signatures are
 * parsed for the access key id and region, not verified).
 *
 * <p>Operations: {@code CreateSecret}, {@code PutSecretValue}, {@code GetSecretValue},
 * {@code BatchGetSecretValue} (by {@code SecretIdList}, at most 20 ids), {@code DescribeSecret},
 * {@code ListSecretVersionIds}, {@code UpdateSecretVersionStage}, {@code DeleteSecret}, {@code RestoreSecret}.
 * Stage semantics are AWS's: a value put with the default stage becomes {@code AWSCURRENT} and the version
 * that held it becomes {@code AWSPREVIOUS}; moving {@code AWSCURRENT} with {@code UpdateSecretVersionStage}
 * does the same; a {@code ClientRequestToken} is the new version's id and makes a put idempotent.
 *
 * <p>For tests: per-operation call counters (every request that reached the server, retries included),
 * per-call latency, {@link Fault} injection (throttling, 5xx, any AWS error, dropped connections, hangs,
 * delays), IAM-style refusals of one secret or one operation, rejected access keys, and direct seeding
 * ({@link #putValue}) that bypasses the protocol. Thread-safe.
 */
public final class FakeSecretsManagerServer implements AutoCloseable {
  /** The region in the ARNs this server makes. */
  public static final String REGION = "us-east-1";
  /** The account id in the ARNs this server makes. */
  public static final String ACCOUNT = "123456789012";
  /** The stage labels AWS manages. */
  public static final String CURRENT = "AWSCURRENT";
  public static final String PREVIOUS = "AWSPREVIOUS";
  public static final String PENDING = "AWSPENDING";
  /** The access key id {@link #newClient()} signs with. */
  public static final String TEST_ACCESS_KEY_ID = "AKIDFAKESERVERADMIN";

  private static final int MAX_BATCH_IDS = 20;
  private static final Pattern CREDENTIAL =
      Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");
  private static final Base64.Encoder B64 = Base64.getEncoder();

  static {
    // answer headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm and the
    // client's delayed ACK add ~40 ms to every call. Read once, when the JDK's server first starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Object lock = new Object();
  private final Map<String, StoredSecret> secrets = new LinkedHashMap<>();
  private final List<ActiveFault> faults = new ArrayList<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger totalCalls = new AtomicInteger();
  private final Map<String, Map<String, Object>> lastRequests = new ConcurrentHashMap<>();
  private final Map<String, Duration> operationLatency = new ConcurrentHashMap<>();
  private final Set<String> deniedSecrets = ConcurrentHashMap.newKeySet();
  private final Set<String> deniedOperations = ConcurrentHashMap.newKeySet();
  private final Set<String> rejectedAccessKeys = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile CountDownLatch hangRelease = new CountDownLatch(1);
  private volatile Duration latency = Duration.ZERO;
  private volatile Clock clock = Clock.systemUTC();
  private volatile int batchPageSize = MAX_BATCH_IDS;
  private volatile String lastAccessKeyId;
  private volatile String lastSigningRegion;
  private HttpServer http;
  private ExecutorService executor;

  /** A server that is not listening yet; call {@link #start()}. */
  public FakeSecretsManagerServer() {}

  /** Starts listening on 127.0.0.1 on a random free port; returns this server. */
  public synchronized FakeSecretsManagerServer start() {
    if (http != null) {
      throw new IllegalStateException("already started on " + endpoint());
    }
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind 127.0.0.1", e);
    }
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-secretsmanager-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    http.start();
    return this;
  }

  /** {@code http://127.0.0.1:PORT}, for {@code endpointOverride} or a source URI's {@code endpoint=}. */
  public URI endpoint() {
    if (http == null) {
      throw new IllegalStateException("the server is not started");
    }
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /**
   * A new SDK client for this server (region {@value #REGION}, static test credentials, the JDK HTTP client, no
   * retries), for seeding and inspecting the store as an operator would. The caller closes it.
   */
  public SecretsManagerClient newClient() {
    return SecretsManagerClient.builder()
        .endpointOverride(endpoint())
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(TEST_ACCESS_KEY_ID, "test-secret-access-key")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** Stops listening, releases held requests and ends the handler threads. */
  @Override
  public synchronized void close() {
    closing.countDown();
    releaseHangs();
    if (http != null) {
      http.stop(0);
      executor.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ configuration

  /** Latency added to every call before it is answered (benchmarks); zero by default. */
  public FakeSecretsManagerServer latency(Duration perCall) {
    this.latency = nonNegative(perCall);
    return this;
  }

  /** Latency added to every call of {@code operation}, on top of {@link #latency(Duration)}. */
  public FakeSecretsManagerServer latency(String operation, Duration perCall) {
    operationLatency.put(Objects.requireNonNull(operation, "operation"), nonNegative(perCall));
    return this;
  }

  /** The clock for creation, change and deletion dates; the system UTC clock by default. */
  public FakeSecretsManagerServer clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * How many secrets one {@code BatchGetSecretValue} answer carries before it hands out a {@code NextToken}
   * (AWS may paginate even an id list); 20 by default, that is never for a valid id list.
   */
  public FakeSecretsManagerServer batchPageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("batchPageSize must be at least 1, was " + size);
    }
    this.batchPageSize = size;
    return this;
  }

  /** Adds a fault; faults are tried in the order added, the first that matches a call plays. */
  public FakeSecretsManagerServer inject(Fault fault) {
    synchronized (lock) {
      faults.add(new ActiveFault(Objects.requireNonNull(fault, "fault")));
    }
    return this;
  }

  /** Removes every fault and releases held requests. */
  public FakeSecretsManagerServer clearFaults() {
    synchronized (lock) {
      faults.clear();
    }
    releaseHangs();
    return this;
  }

  /** Lets every request held by a {@link Fault#hang()} go (its connection is then dropped). */
  public void releaseHangs() {
    CountDownLatch prior = hangRelease;
    hangRelease = new CountDownLatch(1);
    prior.countDown();
  }

  /** Reads of {@code secretName} are refused with {@code AccessDeniedException}, as by an IAM policy. */
  public FakeSecretsManagerServer denyAccess(String secretName) {
    deniedSecrets.add(Objects.requireNonNull(secretName, "secretName"));
    return this;
  }

  /** Every call of {@code operation} is refused with {@code AccessDeniedException}. */
  public FakeSecretsManagerServer denyOperation(String operation) {
    deniedOperations.add(Objects.requireNonNull(operation, "operation"));
    return this;
  }

  /** Requests signed with {@code accessKeyId} get {@code UnrecognizedClientException}, as for an unknown key. */
  public FakeSecretsManagerServer rejectAccessKey(String accessKeyId) {
    rejectedAccessKeys.add(Objects.requireNonNull(accessKeyId, "accessKeyId"));
    return this;
  }

  // ------------------------------------------------------------------ observation

  /** How many requests for {@code operation} reached the server (retries count, faulted calls too). */
  public int calls(String operation) {
    AtomicInteger c = calls.get(operation);
    return c == null ? 0 : c.get();
  }

  /** How many requests reached the server, any operation. */
  public int totalCalls() {
    return totalCalls.get();
  }

  /** Sets every counter back to zero and forgets the last requests. */
  public void resetCalls() {
    calls.clear();
    totalCalls.set(0);
    lastRequests.clear();
  }

  /** The parsed body of the last {@code operation} request, or an empty map. */
  public Map<String, Object> lastRequest(String operation) {
    return lastRequests.getOrDefault(operation, Map.of());
  }

  /** The access key id the last request was signed with. */
  public String lastAccessKeyId() {
    return lastAccessKeyId;
  }

  /** The region the last request was signed for. */
  public String lastSigningRegion() {
    return lastSigningRegion;
  }

  // ------------------------------------------------------------------ direct seeding (no protocol)

  /** Stores {@code value} as the new {@code AWSCURRENT} version of {@code name}, creating it; returns the id. */
  public String putValue(String name, String value) {
    Objects.requireNonNull(value, "value");
    return putValue(name, value, null);
  }

  /** Stores binary {@code value} as the new {@code AWSCURRENT} version of {@code name}; returns the id. */
  public String putValue(String name, byte[] value) {
    Objects.requireNonNull(value, "value");
    return putValue(name, null, value.clone());
  }

  private String putValue(String name, String string, byte[] binary) {
    synchronized (lock) {
      StoredSecret s = secrets.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new StoredSecret(n, now()));
      String id = UUID.randomUUID().toString();
      s.addVersion(id, string, binary, List.of(CURRENT), now());
      return id;
    }
  }

  /** Sets a tag on an existing secret. */
  public void tag(String name, String key, String value) {
    synchronized (lock) {
      require(name).tags.put(key, value);
    }
  }

  /** Sets the rotation fields {@code DescribeSecret} reports. */
  public void rotation(String name, boolean enabled, Instant lastRotated, Instant nextRotation) {
    synchronized (lock) {
      StoredSecret s = require(name);
      s.rotationEnabled = enabled;
      s.lastRotated = lastRotated;
      s.nextRotation = nextRotation;
    }
  }

  /** Sets the rotation rules {@code DescribeSecret} reports ({@code AutomaticallyAfterDays}, {@code ScheduleExpression}). */
  public void rotationRules(String name, Long automaticallyAfterDays, String scheduleExpression) {
    synchronized (lock) {
      StoredSecret s = require(name);
      s.rotateAfterDays = automaticallyAfterDays;
      s.rotationSchedule = scheduleExpression;
    }
  }

  /** The id of the version that holds {@code stage}, or null. */
  public String versionIdWithStage(String name, String stage) {
    synchronized (lock) {
      Version v = require(name).withStage(stage);
      return v == null ? null : v.id;
    }
  }

  private StoredSecret require(String name) {
    StoredSecret s = secrets.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no secret " + name);
    }
    return s;
  }

  // ------------------------------------------------------------------ protocol

  private void handle(HttpExchange ex) {
    try {
      byte[] body = ex.getRequestBody().readAllBytes();
      if (!"POST".equals(ex.getRequestMethod()) || !"/".equals(ex.getRequestURI().getPath())) {
        sendError(ex, new AwsError(404, "UnknownOperationException", "only POST / is served"));
        return;
      }
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      if (target == null || !target.startsWith("secretsmanager.")) {
        sendError(ex, new AwsError(400, "UnknownOperationException", "missing or foreign X-Amz-Target"));
        return;
      }
      String op = target.substring("secretsmanager.".length());
      calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
      totalCalls.incrementAndGet();
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.startsWith("application/x-amz-json-1.1")) {
        sendError(ex, new AwsError(400, "SerializationException",
            "Content-Type must be application/x-amz-json-1.1"));
        return;
      }
      authenticate(ex.getRequestHeaders().getFirst("Authorization"));
      Map<String, Object> req;
      try {
        req = Json.parseObject(body);
      } catch (IOException e) {
        throw new AwsError(400, "SerializationException", "the body is not valid JSON");
      }
      lastRequests.put(op, Collections.unmodifiableMap(req));
      Duration wait = latency.plus(operationLatency.getOrDefault(op, Duration.ZERO));
      if (!wait.isZero()) {
        awaitQuietly(closing, wait);
      }
      Object secretId = req.get("SecretId");
      Fault fault = takeFault(op, secretId instanceof String ? (String) secretId : null, false);
      if (fault != null) {
        switch (fault.kind()) {
          case ERROR:
            throw new AwsError(fault.status(), fault.type(), fault.message());
          case DROP_CONNECTION:
            ex.close(); // no response headers sent: the connection is closed under the client
            return;
          case HANG:
            awaitQuietly(hangRelease, Duration.ofMinutes(5));
            ex.close();
            return;
          case DELAY:
            awaitQuietly(closing, fault.delay());
            break;
          default:
            throw new IllegalStateException(fault.kind().name());
        }
      }
      if (deniedOperations.contains(op)) {
        throw denied(op, secretId instanceof String ? (String) secretId : "*");
      }
      Map<String, Object> response = dispatch(op, req);
      send(ex, 200, Json.write(response));
    } catch (AwsError e) {
      sendError(ex, e);
    } catch (RuntimeException e) {
      // a bug here must not pass for a network fault: answer it as what it is
      sendError(ex, new AwsError(500, "InternalFailure", "test server failure: " + e.getClass().getName()));
    } catch (IOException e) {
      ex.close();
    }
  }

  private void authenticate(String authorization) throws AwsError {
    if (authorization == null) {
      throw new AwsError(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    Matcher m = CREDENTIAL.matcher(authorization);
    if (!m.find()) {
      throw new AwsError(400, "IncompleteSignatureException", "Authorization header is not an AWS Signature V4");
    }
    if (!"secretsmanager".equals(m.group(4))) {
      throw new AwsError(400, "InvalidSignatureException", "Credential should be scoped to correct service: "
          + "'secretsmanager'.");
    }
    lastAccessKeyId = m.group(1);
    lastSigningRegion = m.group(3);
    if (rejectedAccessKeys.contains(m.group(1))) {
      throw new AwsError(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
  }

  private Map<String, Object> dispatch(String op, Map<String, Object> req) throws AwsError {
    synchronized (lock) {
      switch (op) {
        case "CreateSecret":
          return createSecret(req);
        case "PutSecretValue":
          return putSecretValue(req);
        case "GetSecretValue":
          return getSecretValue(req);
        case "BatchGetSecretValue":
          return batchGetSecretValue(req);
        case "DescribeSecret":
          return describeSecret(req);
        case "ListSecrets":
          return listSecrets(req);
        case "ListSecretVersionIds":
          return listSecretVersionIds(req);
        case "UpdateSecretVersionStage":
          return updateSecretVersionStage(req);
        case "DeleteSecret":
          return deleteSecret(req);
        case "RestoreSecret":
          return restoreSecret(req);
        default:
          throw new AwsError(400, "UnknownOperationException", "operation " + op + " is not served by this server");
      }
    }
  }

  private Map<String, Object> createSecret(Map<String, Object> req) throws AwsError {
    String name = requiredString(req, "Name");
    StoredSecret existing = secrets.get(name);
    if (existing != null) {
      if (existing.deletionDate != null) {
        throw new AwsError(400, "InvalidRequestException", "You can't create this secret because a secret with this "
            + "name is already scheduled for deletion.");
      }
      throw new AwsError(400, "ResourceExistsException", "The operation failed because the secret " + name
          + " already exists.");
    }
    String string = optionalString(req, "SecretString");
    byte[] binary = optionalBinary(req, "SecretBinary");
    if (string != null && binary != null) {
      throw new AwsError(400, "InvalidParameterException", "You can't specify both a binary secret value and a "
          + "string secret value in the same secret.");
    }
    StoredSecret s = new StoredSecret(name, now());
    s.description = optionalString(req, "Description");
    s.kmsKeyId = optionalString(req, "KmsKeyId");
    Object tags = req.get("Tags");
    if (tags instanceof List) {
      for (Object t : (List<?>) tags) {
        Map<?, ?> tag = (Map<?, ?>) t;
        s.tags.put(String.valueOf(tag.get("Key")), String.valueOf(tag.get("Value")));
      }
    }
    secrets.put(name, s);
    Map<String, Object> out = arnAndName(s);
    if (string != null || binary != null) {
      String id = tokenOrNew(req);
      s.addVersion(id, string, binary, List.of(CURRENT), now());
      out.put("VersionId", id);
    }
    return out;
  }

  private Map<String, Object> putSecretValue(Map<String, Object> req) throws AwsError {
    StoredSecret s = live(requiredString(req, "SecretId"));
    String string = optionalString(req, "SecretString");
    byte[] binary = optionalBinary(req, "SecretBinary");
    if ((string == null) == (binary == null)) {
      throw new AwsError(400, "InvalidParameterException", "You must provide either SecretString or SecretBinary, "
          + "not both.");
    }
    List<String> stages = optionalStrings(req, "VersionStages");
    if (stages == null || stages.isEmpty()) {
      stages = List.of(CURRENT);
    }
    String id = tokenOrNew(req);
    Version existing = s.versions.get(id);
    if (existing != null) {
      if (Objects.equals(existing.string, string) && Arrays.equals(existing.binary, binary)) {
        Map<String, Object> out = arnAndName(s);
        out.put("VersionId", id);
        out.put("VersionStages", new ArrayList<>(existing.stages));
        return out; // idempotent retry of the same put
      }
      throw new AwsError(400, "ResourceExistsException", "A resource with the ID you requested already exists.");
    }
    Version v = s.addVersion(id, string, binary, stages, now());
    Map<String, Object> out = arnAndName(s);
    out.put("VersionId", id);
    out.put("VersionStages", new ArrayList<>(v.stages));
    return out;
  }

  private Map<String, Object> getSecretValue(Map<String, Object> req) throws AwsError {
    StoredSecret s = live(requiredString(req, "SecretId"));
    checkAccess(s, "GetSecretValue");
    Version v = select(s, optionalString(req, "VersionId"), optionalString(req, "VersionStage"));
    s.lastAccessed = now().truncatedTo(ChronoUnit.DAYS);
    Map<String, Object> out = arnAndName(s);
    out.putAll(valueEntry(v));
    return out;
  }

  private Map<String, Object> batchGetSecretValue(Map<String, Object> req) throws AwsError {
    List<String> ids = optionalStrings(req, "SecretIdList");
    boolean filters = req.get("Filters") != null;
    if (ids == null && !filters) {
      throw new AwsError(400, "InvalidParameterException", "You must provide either SecretIdList or Filters.");
    }
    if (ids != null && filters) {
      throw new AwsError(400, "InvalidParameterException", "You can't specify both SecretIdList and Filters.");
    }
    if (filters) {
      throw new AwsError(400, "InvalidRequestException", "Filters are not supported by this test server; "
          + "use SecretIdList.");
    }
    if (ids.isEmpty() || ids.size() > MAX_BATCH_IDS) {
      throw new AwsError(400, "InvalidParameterException", "SecretIdList must hold between 1 and " + MAX_BATCH_IDS
          + " secret ids, it held " + ids.size() + ".");
    }
    if (req.get("MaxResults") != null) {
      throw new AwsError(400, "InvalidParameterException", "MaxResults can only be used with Filters.");
    }
    int start = 0;
    String token = optionalString(req, "NextToken");
    if (token != null) {
      try {
        start = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new AwsError(400, "InvalidNextTokenException", "The NextToken value is invalid.");
      }
    }
    int end = Math.min(ids.size(), start + batchPageSize);
    List<Object> values = new ArrayList<>();
    List<Object> errors = new ArrayList<>();
    for (String id : ids.subList(Math.min(start, ids.size()), end)) {
      Fault fault = takeFault("BatchGetSecretValue", id, true);
      try {
        if (fault != null) {
          throw new AwsError(fault.status(), fault.type(), fault.message());
        }
        StoredSecret s = live(id);
        checkAccess(s, "GetSecretValue");
        Version v = select(s, null, CURRENT);
        s.lastAccessed = now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Object> entry = arnAndName(s);
        entry.putAll(valueEntry(v));
        values.add(entry);
      } catch (AwsError e) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("SecretId", id);
        err.put("ErrorCode", e.type);
        err.put("Message", e.getMessage());
        errors.add(err);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("SecretValues", values);
    out.put("Errors", errors);
    if (end < ids.size()) {
      out.put("NextToken", B64.encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private Map<String, Object> describeSecret(Map<String, Object> req) throws AwsError {
    StoredSecret s = find(requiredString(req, "SecretId"));
    checkAccess(s, "DescribeSecret");
    Map<String, Object> out = arnAndName(s);
    out.put("Description", s.description);
    out.put("KmsKeyId", s.kmsKeyId);
    out.put("RotationEnabled", s.rotationEnabled);
    if (s.rotateAfterDays != null || s.rotationSchedule != null) {
      Map<String, Object> rules = new LinkedHashMap<>();
      rules.put("AutomaticallyAfterDays", s.rotateAfterDays);
      rules.put("ScheduleExpression", s.rotationSchedule);
      out.put("RotationRules", rules);
    }
    out.put("LastRotatedDate", s.lastRotated);
    out.put("LastChangedDate", s.lastChanged);
    out.put("LastAccessedDate", s.lastAccessed);
    out.put("DeletedDate", s.deletionDate);
    out.put("NextRotationDate", s.nextRotation);
    List<Object> tags = new ArrayList<>();
    s.tags.forEach((k, v) -> {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("Key", k);
      t.put("Value", v);
      tags.add(t);
    });
    if (!tags.isEmpty()) {
      out.put("Tags", tags);
    }
    Map<String, Object> stages = new LinkedHashMap<>();
    for (Version v : s.versions.values()) {
      if (!v.stages.isEmpty()) {
        stages.put(v.id, new ArrayList<>(v.stages));
      }
    }
    out.put("VersionIdsToStages", stages);
    out.put("CreatedDate", s.created);
    return out;
  }

  /**
   * {@code ListSecrets} with the {@code name} filter (prefix match, not case-sensitive, as AWS documents it),
   * {@code MaxResults} (1-100) and {@code NextToken}; secrets scheduled for deletion are left out. Each entry has
   * the fields {@code DescribeSecret} gives.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> listSecrets(Map<String, Object> req) throws AwsError {
    int max = req.get("MaxResults") == null ? 100 : ((BigDecimal) req.get("MaxResults")).intValue();
    if (max < 1 || max > 100) {
      throw new AwsError(400, "InvalidParameterException", "MaxResults must be between 1 and 100.");
    }
    List<String> prefixes = new ArrayList<>();
    if (req.get("Filters") != null) {
      for (Object f : (List<Object>) req.get("Filters")) {
        Map<String, Object> filter = (Map<String, Object>) f;
        if (!"name".equals(filter.get("Key"))) {
          throw new AwsError(400, "InvalidParameterException", "filter key " + filter.get("Key")
              + " is not served by this server (only name)");
        }
        for (Object v : (List<Object>) filter.get("Values")) {
          prefixes.add(String.valueOf(v).toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    List<StoredSecret> matching = new ArrayList<>();
    for (StoredSecret s : secrets.values()) {
      String lower = s.name.toLowerCase(java.util.Locale.ROOT);
      if (s.deletionDate == null && (prefixes.isEmpty() || prefixes.stream().anyMatch(lower::startsWith))) {
        checkAccess(s, "ListSecrets");
        matching.add(s);
      }
    }
    int start = 0;
    if (req.get("NextToken") != null) {
      start = Integer.parseInt(new String(Base64.getDecoder().decode((String) req.get("NextToken")),
          StandardCharsets.UTF_8));
    }
    int end = Math.min(matching.size(), start + max);
    List<Object> list = new ArrayList<>();
    for (StoredSecret s : matching.subList(start, end)) {
      Map<String, Object> entry = describeSecret(Map.of("SecretId", s.name));
      entry.put("SecretVersionsToStages", entry.remove("VersionIdsToStages"));
      list.add(entry);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("SecretList", list);
    if (end < matching.size()) {
      out.put("NextToken", B64.encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private Map<String, Object> listSecretVersionIds(Map<String, Object> req) throws AwsError {
    StoredSecret s = find(requiredString(req, "SecretId"));
    checkAccess(s, "ListSecretVersionIds");
    boolean deprecated = Boolean.TRUE.equals(req.get("IncludeDeprecated"));
    int max = req.get("MaxResults") == null ? 100 : ((BigDecimal) req.get("MaxResults")).intValue();
    if (max < 1 || max > 100) {
      throw new AwsError(400, "InvalidParameterException", "MaxResults must be between 1 and 100.");
    }
    List<Version> all = new ArrayList<>();
    for (Version v : s.versions.values()) {
      if (deprecated || !v.stages.isEmpty()) {
        all.add(v);
      }
    }
    int start = 0;
    String token = optionalString(req, "NextToken");
    if (token != null) {
      try {
        start = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new AwsError(400, "InvalidNextTokenException", "The NextToken value is invalid.");
      }
    }
    int end = Math.min(all.size(), start + max);
    List<Object> versions = new ArrayList<>();
    for (Version v : all.subList(Math.min(start, all.size()), end)) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("VersionId", v.id);
      e.put("VersionStages", new ArrayList<>(v.stages));
      e.put("CreatedDate", v.created);
      versions.add(e);
    }
    Map<String, Object> out = arnAndName(s);
    out.put("Versions", versions);
    if (end < all.size()) {
      out.put("NextToken", B64.encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private Map<String, Object> updateSecretVersionStage(Map<String, Object> req) throws AwsError {
    StoredSecret s = live(requiredString(req, "SecretId"));
    String stage = requiredString(req, "VersionStage");
    String removeFrom = optionalString(req, "RemoveFromVersionId");
    String moveTo = optionalString(req, "MoveToVersionId");
    Version holder = s.withStage(stage);
    Version target = null;
    if (moveTo != null) {
      target = s.versions.get(moveTo);
      if (target == null) {
        throw new AwsError(400, "InvalidParameterException", "Secrets Manager can't find the version " + moveTo + ".");
      }
    }
    if (holder != null && holder != target && !holder.id.equals(removeFrom)) {
      throw new AwsError(400, "InvalidParameterException", "The parameter RemoveFromVersionId can't be empty. "
          + "Staging label " + stage + " is currently attached to version " + holder.id + ", so you must explicitly "
          + "reference that version in RemoveFromVersionId.");
    }
    if (removeFrom != null && (holder == null || !holder.id.equals(removeFrom))) {
      throw new AwsError(400, "InvalidParameterException", "Staging label " + stage + " is not attached to version "
          + removeFrom + ".");
    }
    if (target == null && CURRENT.equals(stage)) {
      throw new AwsError(400, "InvalidParameterException", "You can't remove the staging label AWSCURRENT from a "
          + "version without moving it to another version.");
    }
    if (target != null) {
      if (holder != target) {
        s.moveStage(stage, target);
        if (CURRENT.equals(stage)) {
          s.lastRotated = now();
        }
      }
    } else if (holder != null) {
      holder.stages.remove(stage);
    }
    s.lastChanged = now();
    return arnAndName(s);
  }

  private Map<String, Object> deleteSecret(Map<String, Object> req) throws AwsError {
    StoredSecret s = find(requiredString(req, "SecretId"));
    boolean force = Boolean.TRUE.equals(req.get("ForceDeleteWithoutRecovery"));
    Object window = req.get("RecoveryWindowInDays");
    if (force && window != null) {
      throw new AwsError(400, "InvalidParameterException", "You can't use ForceDeleteWithoutRecovery in conjunction "
          + "with RecoveryWindowInDays.");
    }
    if (s.deletionDate != null && !force) {
      throw new AwsError(400, "InvalidRequestException", "You can't perform this operation on the secret because it "
          + "was already scheduled for deletion.");
    }
    Map<String, Object> out = arnAndName(s);
    if (force) {
      secrets.remove(s.name);
      out.put("DeletionDate", now());
      return out;
    }
    int days = window == null ? 30 : ((BigDecimal) window).intValue();
    if (days < 7 || days > 30) {
      throw new AwsError(400, "InvalidParameterException", "RecoveryWindowInDays must be between 7 and 30 days.");
    }
    s.deletionDate = now().plus(Duration.ofDays(days));
    out.put("DeletionDate", s.deletionDate);
    return out;
  }

  private Map<String, Object> restoreSecret(Map<String, Object> req) throws AwsError {
    StoredSecret s = find(requiredString(req, "SecretId"));
    s.deletionDate = null;
    return arnAndName(s);
  }

  // ------------------------------------------------------------------ helpers

  private Fault takeFault(String op, String secretId, boolean batchMember) {
    synchronized (lock) {
      for (Iterator<ActiveFault> it = faults.iterator(); it.hasNext(); ) {
        ActiveFault a = it.next();
        Fault f = a.fault;
        if (f.operation() != null && !f.operation().equals(op)) {
          continue;
        }
        if (batchMember) {
          if (f.secretId() == null || !f.secretId().equals(secretId) || f.kind() != Fault.Kind.ERROR) {
            continue;
          }
        } else if (f.secretId() != null && !f.secretId().equals(secretId)) {
          continue;
        }
        if (f.times() != Integer.MAX_VALUE && --a.remaining <= 0) {
          it.remove();
        }
        return f;
      }
      return null;
    }
  }

  private StoredSecret find(String secretId) throws AwsError {
    StoredSecret s = secrets.get(secretId);
    if (s == null) {
      for (StoredSecret candidate : secrets.values()) {
        if (candidate.arn.equals(secretId)) {
          return candidate;
        }
      }
      throw new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
    return s;
  }

  private StoredSecret live(String secretId) throws AwsError {
    StoredSecret s = find(secretId);
    if (s.deletionDate != null) {
      throw new AwsError(400, "InvalidRequestException", "You can't perform this operation on the secret because it "
          + "was marked for deletion.");
    }
    return s;
  }

  private void checkAccess(StoredSecret s, String action) throws AwsError {
    if (deniedSecrets.contains(s.name)) {
      throw denied(action, s.arn);
    }
  }

  private static AwsError denied(String action, String resource) {
    return new AwsError(400, "AccessDeniedException", "User: arn:aws:iam::" + ACCOUNT + ":user/test is not "
        + "authorized to perform: secretsmanager:" + action + " on resource: " + resource
        + " because no identity-based policy allows the secretsmanager:" + action + " action");
  }

  private static Version select(StoredSecret s, String versionId, String stage) throws AwsError {
    if (versionId != null) {
      Version v = s.versions.get(versionId);
      if (v == null) {
        throw new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret value "
            + "for VersionId: " + versionId);
      }
      if (stage != null && !v.stages.contains(stage)) {
        throw new AwsError(400, "InvalidParameterException", "You provided a VersionStage that is not associated "
            + "to the provided VersionId.");
      }
      return v;
    }
    String label = stage == null ? CURRENT : stage;
    Version v = s.withStage(label);
    if (v == null) {
      throw new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret value "
          + "for staging label: " + label);
    }
    return v;
  }

  private static Map<String, Object> valueEntry(Version v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("VersionId", v.id);
    if (v.binary != null) {
      out.put("SecretBinary", B64.encodeToString(v.binary));
    } else {
      out.put("SecretString", v.string);
    }
    out.put("VersionStages", new ArrayList<>(v.stages));
    out.put("CreatedDate", v.created);
    return out;
  }

  private static Map<String, Object> arnAndName(StoredSecret s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ARN", s.arn);
    out.put("Name", s.name);
    return out;
  }

  private static String tokenOrNew(Map<String, Object> req) throws AwsError {
    String token = optionalString(req, "ClientRequestToken");
    if (token == null) {
      return UUID.randomUUID().toString();
    }
    if (token.length() < 32 || token.length() > 64) {
      throw new AwsError(400, "InvalidParameterException", "ClientRequestToken must be 32 to 64 characters long.");
    }
    return token;
  }

  private static String requiredString(Map<String, Object> req, String key) throws AwsError {
    String v = optionalString(req, key);
    if (v == null || v.isEmpty()) {
      throw new AwsError(400, "InvalidParameterException", "You must provide " + key + ".");
    }
    return v;
  }

  private static String optionalString(Map<String, Object> req, String key) throws AwsError {
    Object v = req.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String)) {
      throw new AwsError(400, "SerializationException", key + " must be a string");
    }
    return (String) v;
  }

  private static byte[] optionalBinary(Map<String, Object> req, String key) throws AwsError {
    String v = optionalString(req, key);
    if (v == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw new AwsError(400, "SerializationException", key + " must be base64");
    }
  }

  private static List<String> optionalStrings(Map<String, Object> req, String key) throws AwsError {
    Object v = req.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List)) {
      throw new AwsError(400, "SerializationException", key + " must be a list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Duration nonNegative(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + d);
    }
    return d;
  }

  private static void awaitQuietly(CountDownLatch latch, Duration max) {
    try {
      latch.await(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private static void sendError(HttpExchange ex, AwsError e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("__type", e.type);
    body.put("Message", e.getMessage());
    try {
      send(ex, e.status, Json.write(body));
    } catch (IOException io) {
      ex.close();
    }
  }

  @Override
  public String toString() {
    return "FakeSecretsManagerServer[" + (http == null ? "not started" : endpoint()) + "]";
  }

  // ------------------------------------------------------------------ state

  private static final class AwsError extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String type;

    AwsError(int status, String type, String message) {
      super(message, null, false, false);
      this.status = status;
      this.type = type;
    }
  }

  private static final class ActiveFault {
    final Fault fault;
    int remaining;

    ActiveFault(Fault fault) {
      this.fault = fault;
      this.remaining = fault.times();
    }
  }

  private static final class Version {
    final String id;
    final String string;
    final byte[] binary;
    final Instant created;
    final Set<String> stages = new LinkedHashSet<>();

    Version(String id, String string, byte[] binary, Instant created) {
      this.id = id;
      this.string = string;
      this.binary = binary;
      this.created = created;
    }
  }

  private static final class StoredSecret {
    final String name;
    final String arn;
    final Instant created;
    final Map<String, Version> versions = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    String description;
    String kmsKeyId;
    Boolean rotationEnabled;
    Long rotateAfterDays;
    String rotationSchedule;
    Instant lastChanged;
    Instant lastRotated;
    Instant nextRotation;
    Instant lastAccessed;
    Instant deletionDate;

    StoredSecret(String name, Instant created) {
      this.name = name;
      this.arn = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + name + "-"
          + UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
      this.created = created;
      this.lastChanged = created;
    }

    Version withStage(String stage) {
      for (Version v : versions.values()) {
        if (v.stages.contains(stage)) {
          return v;
        }
      }
      return null;
    }

    Version addVersion(String id, String string, byte[] binary, List<String> stages, Instant now) {
      Version v = new Version(id, string, binary, now);
      versions.put(id, v);
      for (String stage : stages) {
        moveStage(stage, v);
      }
      lastChanged = now;
      // AWS keeps about 100 versions; it drops the oldest ones with no stage beyond that
      if (versions.size() > 100) {
        versions.values().removeIf(old -> old.stages.isEmpty() && versions.size() > 100);
      }
      return v;
    }

    /** Attaches {@code stage} to {@code target}; moving AWSCURRENT makes the old holder AWSPREVIOUS. */
    void moveStage(String stage, Version target) {
      Version holder = withStage(stage);
      if (holder == target) {
        return;
      }
      if (holder != null) {
        holder.stages.remove(stage);
      }
      target.stages.add(stage);
      if (CURRENT.equals(stage) && holder != null) {
        Version previous = withStage(PREVIOUS);
        if (previous != null) {
          previous.stages.remove(PREVIOUS);
        }
        holder.stages.add(PREVIOUS);
        target.stages.remove(PREVIOUS);
      }
    }
  }
}
