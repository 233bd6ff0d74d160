package dev.secrets4j.test.aws;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS JSON 1.1 over HTTP: checks a request's method, target, content type and SigV4 credential scope, counts it,
 * waits the configured latency, plays a matching {@link Fault}, dispatches the operation under the store's lock and
 * writes the answer or the error.
 */
final class WireProtocol {
  private static final Pattern CREDENTIAL =
      Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final Store store;
  private final Faults faults;
  private final CallLog log;
  private final Reads reads;
  private final Writes writes;
  private final Quotas quotas;
  private final CountDownLatch closing;
  final Set<String> deniedOperations = ConcurrentHashMap.newKeySet();
  final Set<String> rejectedAccessKeys = ConcurrentHashMap.newKeySet();
  final Map<String, Duration> operationLatency = new ConcurrentHashMap<>();
  volatile Duration latency = Duration.ZERO;
  /** Error types in the long form some Secrets Manager endpoints answer: {@code com.amazon.coral.service#Type}. */
  volatile boolean longErrorTypes;

  WireProtocol(Store store, Faults faults, CallLog log, Reads reads, Quotas quotas, CountDownLatch closing) {
    this.store = store;
    this.faults = faults;
    this.log = log;
    this.reads = reads;
    this.writes = new Writes(store);
    this.quotas = quotas;
    this.closing = closing;
  }

  void handle(HttpExchange ex) {
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
      log.count(op);
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.startsWith(CONTENT_TYPE)) {
        throw new AwsError(400, "SerializationException", "Content-Type must be " + CONTENT_TYPE);
      }
      authenticate(ex.getRequestHeaders().getFirst("Authorization"));
      quotas.admit(op);
      Map<String, Object> req;
      try {
        req = Json.parseObject(body);
      } catch (IOException e) {
        throw new AwsError(400, "SerializationException", "the body is not valid JSON");
      }
      log.request(op, req);
      Duration wait = latency.plus(operationLatency.getOrDefault(op, Duration.ZERO));
      if (!wait.isZero()) {
        awaitQuietly(closing, wait);
      }
      Object secretId = req.get("SecretId");
      String id = secretId instanceof String ? (String) secretId : null;
      if (play(ex, faults.take(op, id, false))) {
        return;
      }
      if (deniedOperations.contains(op)) {
        throw AwsError.denied(op, id == null ? "*" : id);
      }
      Map<String, Object> response;
      synchronized (store.lock) {
        response = dispatch(op, req);
      }
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

  /** Plays {@code fault}; true when the exchange is finished (dropped or held), false to answer normally. */
  private boolean play(HttpExchange ex, Fault fault) throws AwsError {
    if (fault == null) {
      return false;
    }
    switch (fault.kind()) {
      case ERROR:
        throw new AwsError(fault.status(), fault.type(), fault.message());
      case DROP_CONNECTION:
        ex.close(); // no response headers sent: the connection is closed under the client
        return true;
      case HANG:
        awaitQuietly(faults.hangRelease(), Duration.ofMinutes(5));
        ex.close();
        return true;
      case DELAY:
        awaitQuietly(closing, fault.delay());
        return false;
      default:
        throw new IllegalStateException(fault.kind().name());
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
    log.lastAccessKeyId = m.group(1);
    log.lastSigningRegion = m.group(3);
    if (rejectedAccessKeys.contains(m.group(1))) {
      throw new AwsError(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
  }

  private Map<String, Object> dispatch(String op, Map<String, Object> req) throws AwsError {
    switch (op) {
      case "CreateSecret":
        return writes.createSecret(req);
      case "PutSecretValue":
        return writes.putSecretValue(req);
      case "GetSecretValue":
        return reads.getSecretValue(req);
      case "BatchGetSecretValue":
        return reads.batchGetSecretValue(req);
      case "DescribeSecret":
        return reads.describeSecret(req);
      case "ListSecrets":
        return reads.listSecrets(req);
      case "ListSecretVersionIds":
        return reads.listSecretVersionIds(req);
      case "UpdateSecretVersionStage":
        return writes.updateSecretVersionStage(req);
      case "DeleteSecret":
        return writes.deleteSecret(req);
      case "RestoreSecret":
        return writes.restoreSecret(req);
      default:
        throw new AwsError(400, "UnknownOperationException", "operation " + op + " is not served by this server");
    }
  }

  static void awaitQuietly(CountDownLatch latch, Duration max) {
    try {
      latch.await(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private void sendError(HttpExchange ex, AwsError e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("__type", longErrorTypes ? "com.amazon.coral.service#" + e.type : e.type);
    body.put("Message", e.getMessage());
    try {
      send(ex, e.status, Json.write(body));
    } catch (IOException io) {
      ex.close();
    }
  }
}
