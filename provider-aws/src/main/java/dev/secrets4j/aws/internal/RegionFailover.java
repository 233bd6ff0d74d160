package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSourceException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerServiceClientConfiguration;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * A Secrets Manager client that makes each read in the source's region first and, when that region fails
 * transiently (5xx, throttling after the client's retries, a timeout, a refused or dropped connection), makes the
 * same read in the fallback regions in order ({@code fallbackRegions=}), with a client per region built at its
 * first use. A definitive answer of the primary region (not found, access denied, any other 4xx) is returned as it
 * is and never failed over: it is the store's "no", and a replica must not bring back a secret revoked in the
 * primary. A fallback region's definitive answer is not taken as the store's either (the replica may be missing,
 * or its region's KMS key not granted): the next region is tried, and when none answers the primary's transient
 * failure is thrown, the fallback regions' failures attached as a suppressed {@link FallbackFailures}.
 *
 * <p>After a primary failure, reads go to the fallback regions first for {@link #PRIMARY_RETRY_AFTER}, then to
 * the primary again (and the primary is still tried last when no fallback region answers). Secret ids that are
 * ARNs naming the primary region are rewritten to name the fallback region (a replica keeps the name and the ARN
 * suffix; its ARN names its region), and the ARNs of a batch answer are rewritten back, so that callers see the
 * ids they asked for. A switch of the answering region is logged at INFO, once per switch.
 */
final class RegionFailover implements SecretsManagerClient {
  /** How long reads skip the primary region after it failed transiently. */
  static final Duration PRIMARY_RETRY_AFTER = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(RegionFailover.class);
  private static final StoreCall CLASSIFY = StoreCall.of("reading", "", "", "", "");

  private final SecretsManagerClient primary;
  private final AwsSourceSettings settings;
  private final Function<String, SecretsManagerClient> clientFactory;
  private final Clock clock;
  private final Map<String, SecretsManagerClient> fallbackClients = new ConcurrentHashMap<>();
  private volatile Instant primaryRetryAt = Instant.MIN;
  private volatile String answering;
  private volatile boolean closed;
  /** The fallback region that answered this thread's last call, or null when the primary did. */
  private final ThreadLocal<String> replicaOfLastCall = new ThreadLocal<>();

  /**
   * @param primary the client of {@code settings.region()}, closed with this one
   * @param clientFactory builds the client of one fallback region; each is closed with this one
   * @param clock the time the cool-down after a primary failure is counted in
   */
  RegionFailover(SecretsManagerClient primary, AwsSourceSettings settings,
      Function<String, SecretsManagerClient> clientFactory, Clock clock) {
    this.primary = primary;
    this.settings = settings;
    this.clientFactory = clientFactory;
    this.clock = clock;
  }

  @Override
  public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
    return call("secret '" + request.secretId() + "'", request,
        (r, region) -> r.toBuilder().secretId(arnIn(r.secretId(), settings.region(), region)).build(),
        SecretsManagerClient::getSecretValue, (a, region) -> a);
  }

  @Override
  public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
    return call("the description of secret '" + request.secretId() + "'", request,
        (r, region) -> r.toBuilder().secretId(arnIn(r.secretId(), settings.region(), region)).build(),
        SecretsManagerClient::describeSecret, (a, region) -> a);
  }

  @Override
  public BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest request) {
    return call(request.secretIdList().size() + " secrets", request, (r, region) -> r.toBuilder()
        .secretIdList(rewritten(r.secretIdList(), id -> arnIn(id, settings.region(), region))).build(),
        SecretsManagerClient::batchGetSecretValue, this::backToPrimary);
  }

  @Override
  public ListSecretsResponse listSecrets(ListSecretsRequest request) {
    // the filter is on names, which replicas keep: the same request serves every region
    return call("the listing of secrets", request, (r, region) -> r, SecretsManagerClient::listSecrets,
        (a, region) -> a);
  }

  private <Q, A> A call(String what, Q request, BiFunction<Q, String, Q> toRegion,
      BiFunction<SecretsManagerClient, Q, A> operation, BiFunction<A, String, A> fromRegion) {
    boolean primaryFirst = !clock.instant().isBefore(primaryRetryAt);
    SdkException primaryFailure = null;
    if (primaryFirst) {
      try {
        return answered(settings.region(), what, null, operation.apply(primary, request));
      } catch (SdkException e) {
        if (!isTransient(e)) {
          throw e;
        }
        primaryFailure = e;
        primaryRetryAt = clock.instant().plus(PRIMARY_RETRY_AFTER);
      }
    }
    List<String> failures = new ArrayList<>();
    for (String region : settings.fallback().regions()) {
      try {
        A answer = operation.apply(clientOf(region), toRegion.apply(request, region));
        return answered(region, what, primaryFailure, fromRegion.apply(answer, region));
      } catch (RuntimeException e) {
        failures.add(region + ": " + summary(e));
      }
    }
    if (!primaryFirst) {
      try {
        A answer = operation.apply(primary, request);
        primaryRetryAt = Instant.MIN;
        return answered(settings.region(), what, null, answer);
      } catch (SdkException e) {
        primaryFailure = e;
        if (isTransient(e)) {
          primaryRetryAt = clock.instant().plus(PRIMARY_RETRY_AFTER);
        }
      }
    }
    primaryFailure.addSuppressed(new FallbackFailures(failures));
    throw primaryFailure;
  }

  /** The fallback region that answered the calling thread's last call through this client; null for the primary. */
  String replicaOfLastCall() {
    return replicaOfLastCall.get();
  }

  private <A> A answered(String region, String what, SdkException primaryFailure, A answer) {
    if (region.equals(settings.region())) {
      replicaOfLastCall.remove();
    } else {
      replicaOfLastCall.set(region);
    }
    String before = answering;
    if (region.equals(before)) {
      return answer;
    }
    answering = region;
    if (region.equals(settings.region())) {
      if (before != null) {
        LOG.info("{}: read {} from the primary region {} again", settings.id(), what, region);
      }
    } else {
      LOG.info("{}: read {} from replica region {} (primary {} {}); the primary is tried again from {}",
          settings.id(), what, region, settings.region(), primaryFailure == null ? "skipped after a failure"
              : "failed: " + summary(primaryFailure), primaryRetryAt);
    }
    return answer;
  }

  private SecretsManagerClient clientOf(String region) {
    if (closed) {
      throw new IllegalStateException("the client is closed");
    }
    return fallbackClients.computeIfAbsent(region, clientFactory);
  }

  /** True for the failures a fallback region may answer instead: those that map to TRANSIENT. */
  private boolean isTransient(SdkException e) {
    return AwsErrors.map(e, CLASSIFY, settings).kind() == Kind.TRANSIENT;
  }

  /** The kind of failure, for logs and messages: the store's code and status, or the exception's type. */
  static String summary(Throwable e) {
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      return AwsErrors.shortCode(ase.awsErrorDetails().errorCode()) + ", HTTP " + ase.statusCode();
    }
    if (AwsErrors.isNetworkFailure(e)) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return e.getClass().getSimpleName() + " (" + root.getClass().getSimpleName()
          + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }
    return e.getClass().getSimpleName();
  }

  /**
   * {@code id} with its region {@code from} replaced by {@code to} when it is a Secrets Manager ARN of region
   * {@code from} ({@code arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME}); any other id as it is.
   */
  static String arnIn(String id, String from, String to) {
    if (id == null || !id.startsWith("arn:")) {
      return id;
    }
    String[] parts = id.split(":", 6);
    if (parts.length < 6 || !parts[2].equals("secretsmanager") || !parts[3].equals(from)) {
      return id;
    }
    parts[3] = to;
    return String.join(":", parts);
  }

  private BatchGetSecretValueResponse backToPrimary(BatchGetSecretValueResponse answer, String region) {
    List<SecretValueEntry> values = new ArrayList<>();
    for (SecretValueEntry v : answer.secretValues()) {
      values.add(v.toBuilder().arn(arnIn(v.arn(), region, settings.region())).build());
    }
    List<APIErrorType> errors = new ArrayList<>();
    for (APIErrorType e : answer.errors()) {
      errors.add(e.toBuilder().secretId(arnIn(e.secretId(), region, settings.region())).build());
    }
    return answer.toBuilder().secretValues(values).errors(errors).build();
  }

  private static List<String> rewritten(List<String> ids, UnaryOperator<String> rewrite) {
    List<String> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(rewrite.apply(id));
    }
    return out;
  }

  @Override
  public SecretsManagerServiceClientConfiguration serviceClientConfiguration() {
    return primary.serviceClientConfiguration();
  }

  @Override
  public String serviceName() {
    return primary.serviceName();
  }

  /** Closes the primary's client and every fallback region's client built so far. */
  @Override
  public void close() {
    closed = true;
    primary.close();
    fallbackClients.values().forEach(SecretsManagerClient::close);
  }

  /** The failures of the fallback regions when none answered; attached to the primary's failure as suppressed. */
  static final class FallbackFailures extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FallbackFailures(List<String> failures) {
      super("fallback regions failed too: " + (failures.isEmpty() ? "none tried" : String.join("; ", failures)),
          null, false, false);
    }
  }
}
