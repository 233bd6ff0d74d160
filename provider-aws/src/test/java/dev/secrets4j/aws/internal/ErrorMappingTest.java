package dev.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.AuditEvent;
import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import dev.secrets4j.test.aws.Fault;
import dev.secrets4j.test.aws.LocalKms;
import dev.secrets4j.test.aws.LocalSecretsManager;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every store error the issue names maps to its kind; every transient fault leaves the last good value served. */
class ErrorMappingTest {
  /**
   * Limits short enough that a held request times out in a few seconds (2 attempts of 1.5 s, at most 3.5 s), long
   * enough that a real answer on a loaded machine never does (300 ms did: a first call in a busy JVM took longer).
   */
  private static final String SHORT_LIMITS = "&attemptTimeout=1500ms&callTimeout=3500ms&maxAttempts=2";
  private static final String NAME = "payments-key";
  private static final String AWS_ID = "app/" + NAME;
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/0b6f7c1e-payments";

  private final LocalStore store = new LocalStore();
  private final LocalSecretsManager server = store.server;
  private final String canary = "canary-" + UUID.randomUUID();

  @AfterEach
  void close() {
    store.close();
  }

  static Stream<Arguments> storeErrors() {
    return Stream.of(
        Arguments.of("ResourceNotFoundException", (Consumer<LocalStore>) s -> s.admin.deleteSecret(
            r -> r.secretId(AWS_ID).forceDeleteWithoutRecovery(true)), Kind.NOT_FOUND, "create it there"),
        Arguments.of("AccessDeniedException", (Consumer<LocalStore>) s -> s.server.denyAccess(AWS_ID),
            Kind.ACCESS_DENIED, "secretsmanager:GetSecretValue"),
        Arguments.of("UnrecognizedClientException (unknown access key)",
            (Consumer<LocalStore>) s -> s.server.rejectAccessKey(System.getProperty("aws.accessKeyId")),
            Kind.ACCESS_DENIED, "credentials"),
        Arguments.of("ThrottlingException", fault(Fault.throttling()), Kind.TRANSIENT, "throttling"),
        Arguments.of("HTTP 500 InternalServiceError", fault(Fault.internalError()), Kind.TRANSIENT, "internal error"),
        Arguments.of("HTTP 503", fault(Fault.serviceUnavailable()), Kind.TRANSIENT, "internal error"),
        Arguments.of("dropped connection", fault(Fault.dropConnection()), Kind.TRANSIENT, "could not be reached"),
        Arguments.of("timeout", fault(Fault.hang()), Kind.TRANSIENT, "timed out"),
        Arguments.of("DecryptionFailure", fault(Fault.decryptionFailure()), Kind.PERMANENT, "kms:Decrypt"),
        Arguments.of("DecryptionFailure (the secret's customer managed key disabled)", (Consumer<LocalStore>) s ->
            s.server.kms().useKey(AWS_ID, KEY).disable(KEY), Kind.PERMANENT, "KMS key " + KEY),
        Arguments.of("AccessDeniedException: Access to KMS is not allowed", (Consumer<LocalStore>) s ->
            s.server.kms().denyDecrypt(LocalKms.MANAGED_KEY), Kind.ACCESS_DENIED, "allow kms:Decrypt on the "
            + "secret's KMS key (KmsKeyId in aws secretsmanager describe-secret; without one, the AWS managed key "
            + "aws/secretsmanager)"),
        Arguments.of("AccessDeniedException on GetSecretValue alone (DescribeSecret allowed)",
            (Consumer<LocalStore>) s -> s.server.denyAccess(AWS_ID, "GetSecretValue"), Kind.ACCESS_DENIED,
            "allow secretsmanager:GetSecretValue"),
        Arguments.of("ThrottlingException over the GetSecretValue quota", (Consumer<LocalStore>) s ->
            s.server.quotas().limit("GetSecretValue", 0), Kind.TRANSIENT, "throttling"),
        Arguments.of("com.amazon.coral.service#ThrottlingException (long error type)", (Consumer<LocalStore>) s -> {
          s.server.longErrorTypes(true);
          s.server.inject(Fault.throttling());
        }, Kind.TRANSIENT, "throttling"),
        Arguments.of("com.amazon.coral.service#AccessDeniedException (long error type)", (Consumer<LocalStore>) s -> {
          s.server.longErrorTypes(true);
          s.server.denyAccess(AWS_ID);
        }, Kind.ACCESS_DENIED, "secretsmanager:GetSecretValue"),
        Arguments.of("com.amazon.coral.service#InvalidRequestException (long form, scheduled for deletion)",
            (Consumer<LocalStore>) s -> {
              s.server.longErrorTypes(true);
              s.server.delete(AWS_ID);
            }, Kind.PERMANENT, "aws secretsmanager restore-secret --secret-id " + AWS_ID + " --region us-east-1"),
        Arguments.of("InvalidRequestException (scheduled for deletion)", (Consumer<LocalStore>) s -> s.admin
            .deleteSecret(r -> r.secretId(AWS_ID).recoveryWindowInDays(7L)), Kind.PERMANENT,
            "scheduled for deletion"),
        Arguments.of("InvalidParameterException", fault(Fault.error(400, "InvalidParameterException",
            "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: "
                + "-/_+=.@!")), Kind.PERMANENT, "check the secret name"));
  }

  private static Consumer<LocalStore> fault(Fault f) {
    return s -> s.server.inject(f);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("storeErrors")
  void storeError_mapsToItsKind_withAMessageNamingSecretAndSource_andNoValue(String error,
      Consumer<LocalStore> cause, Kind kind, String hint) {
    store.put(AWS_ID, canary);
    AwsSecretsManagerSource source = store.source("app/", SHORT_LIMITS);
    cause.accept(store);

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch(NAME, VersionSelector.CURRENT));

    assertThat(e).as(error).isNotNull();
    assertThat(e.kind()).as(error).isEqualTo(kind);
    assertThat(e.getMessage()).contains("'" + NAME + "'", source.id(), AWS_ID, hint);
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(canary);
      assertThat(t.toString()).doesNotContain(canary);
    }
  }

  @Test
  void missingCredentials_areAccessDenied_andNameWhereTheyWereLookedFor() {
    store.put(AWS_ID, canary);
    AwsSecretsManagerSource source = store.source("app/", "&profile=no-such-profile");

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch(NAME, VersionSelector.CURRENT));

    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("no AWS credentials", "profile 'no-such-profile'", NAME);
    assertThat(server.calls("GetSecretValue")).isZero();
  }

  @Test
  void oneThrottledAttempt_isAbsorbedByTheSdkRetry() throws Exception {
    store.put(AWS_ID, "v");
    server.inject(Fault.throttling().on("GetSecretValue").times(1));

    assertThat(store.source("app/").fetch(NAME, VersionSelector.CURRENT).valueAsString()).isEqualTo("v");
    assertThat(server.calls("GetSecretValue")).isEqualTo(2);
  }

  @Test
  void maxAttempts_boundsHowOftenOneReadIsTried() {
    store.put(AWS_ID, "v");
    server.inject(Fault.internalError().on("GetSecretValue"));

    catchThrowableOfType(SecretSourceException.class,
        () -> store.source("app/").fetch(NAME, VersionSelector.CURRENT));
    assertThat(server.calls("GetSecretValue")).isEqualTo(AwsSourceSettings.DEFAULT_MAX_ATTEMPTS);

    server.resetCalls();
    catchThrowableOfType(SecretSourceException.class,
        () -> store.source("app/", "&maxAttempts=1").fetch(NAME, VersionSelector.CURRENT));
    assertThat(server.calls("GetSecretValue")).isEqualTo(1);
  }

  @Test
  void notFoundIsNotRetried_byTheSdk() {
    catchThrowableOfType(SecretSourceException.class,
        () -> store.source("app/").fetch("missing", VersionSelector.CURRENT));
    assertThat(server.calls("GetSecretValue")).isEqualTo(1);
  }

  static Stream<Arguments> transientFaults() {
    return Stream.of(
        Arguments.of("throttling", Fault.throttling()),
        Arguments.of("HTTP 500", Fault.internalError()),
        Arguments.of("dropped connection", Fault.dropConnection()),
        Arguments.of("timeout", Fault.hang()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transientFaults")
  void transientFault_isTransient_andTheResolverServesTheLastGoodValue(String label, Fault fault) {
    store.put(AWS_ID, "good");
    FakeTicker ticker = new FakeTicker();
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Secrets secrets = Secrets.builder().source(store.source("app/", SHORT_LIMITS)).environment("development")
        .ticker(ticker).refreshRateLimit(Duration.ZERO).auditHook(events::add).auditFailClosed().build()) {
      assertThat(secrets.get(NAME).asString()).isEqualTo("good");
      store.put(AWS_ID, "newer");
      server.inject(fault);
      int before = server.totalCalls();

      ticker.advance(Duration.ofSeconds(2));
      Secret during = secrets.refresh(NAME);

      assertThat(during.asString()).isEqualTo("good");
      assertThat(server.totalCalls()).as("the store was asked").isGreaterThan(before);
      // the failed refresh is one STALE event carrying the failure's kind; reads meanwhile are STALE hits
      List<String> failures = new ArrayList<>();
      events.stream().filter(ev -> ev.outcome() == AuditEvent.Outcome.STALE && ev.detail().isPresent())
          .forEach(ev -> failures.add(ev.detail().get()));
      assertThat(failures).singleElement().asString().startsWith("TRANSIENT");
      events.clear();
      assertThat(secrets.get(NAME).asString()).isEqualTo("good");
      assertThat(events).extracting(AuditEvent::outcome).containsExactly(AuditEvent.Outcome.STALE);

      server.clearFaults();
      ticker.advance(Duration.ofSeconds(2));
      assertThat(secrets.refresh(NAME).asString()).isEqualTo("newer");
    }
  }
}
