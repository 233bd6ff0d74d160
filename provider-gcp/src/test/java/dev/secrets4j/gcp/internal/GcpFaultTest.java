package dev.secrets4j.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.AuditEvent;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.gcp.Fault;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Store errors and faults: how each maps, how the SDK retries within its bound, and that the resolver rides them out. */
class GcpFaultTest extends LocalServerTest {
  private static final String PROJECT = "acme-faults";

  GcpFaultTest() {
    super(PROJECT);
  }

  // ------------------------------------------------------------------------------------------- mapping

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "NOT_FOUND, NOT_FOUND",
      "PERMISSION_DENIED, ACCESS_DENIED",
      "UNAUTHENTICATED, ACCESS_DENIED",
      "UNAVAILABLE, TRANSIENT",
      "RESOURCE_EXHAUSTED, TRANSIENT",
      "DEADLINE_EXCEEDED, TRANSIENT",
      "INTERNAL, TRANSIENT",
      "ABORTED, TRANSIENT",
      "CANCELLED, TRANSIENT",
      "UNKNOWN, TRANSIENT",
      "FAILED_PRECONDITION, PERMANENT",
      "INVALID_ARGUMENT, PERMANENT",
      "OUT_OF_RANGE, PERMANENT",
      "UNIMPLEMENTED, PERMANENT"})
  void storeError_onAPayloadRead_mapsToItsKind_andNamesSecretAndSource(Status.Code code, Kind kind) throws Exception {
    operator.put("mapped-key", "v");
    server.inject(Fault.status(code).on("AccessSecretVersion"));

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("mapped-key", VersionSelector.CURRENT));

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).contains("mapped-key", source.id(), code.name());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "NOT_FOUND, NOT_FOUND",
      "UNAUTHENTICATED, ACCESS_DENIED",
      "UNAVAILABLE, TRANSIENT",
      "RESOURCE_EXHAUSTED, TRANSIENT",
      "DEADLINE_EXCEEDED, TRANSIENT",
      "INTERNAL, TRANSIENT",
      "FAILED_PRECONDITION, PERMANENT"})
  void storeError_onTheCheapChangeCheck_mapsToItsKind(Status.Code code, Kind kind) throws Exception {
    operator.put("checked-key", "v");
    server.inject(Fault.status(code).on("GetSecretVersion"));

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.currentVersionId("checked-key"));

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).contains("checked-key", source.id());
  }

  @Test
  void permissionDenied_hintsTheRoleToGrant() throws Exception {
    server.inject(Fault.status(Status.Code.PERMISSION_DENIED).on("AccessSecretVersion"));

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("locked-key", VersionSelector.CURRENT));

    assertThat(e.getMessage()).contains("grant", "roles/secretmanager.secretAccessor", "or the secret may not exist");
  }

  // ------------------------------------------------------------------------------------------- bounded retries

  @ParameterizedTest
  @EnumSource(value = Status.Code.class, names = {"UNAVAILABLE", "DEADLINE_EXCEEDED", "INTERNAL"})
  void transientCode_isRetriedByTheSdk_andSucceedsWithinTheAttempts(Status.Code code) throws Exception {
    operator.put("flaky-key", "steady");
    server.inject(Fault.status(code).on("AccessSecretVersion").times(GcpSourceSettings.DEFAULT_ATTEMPTS - 1));

    assertThat(source.fetch("flaky-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("steady");
    assertThat(server.calls("AccessSecretVersion")).isEqualTo(GcpSourceSettings.DEFAULT_ATTEMPTS);
  }

  @Test
  void transientCode_stopsAfterTheConfiguredAttempts() throws Exception {
    operator.put("down-key", "v");
    server.inject(Fault.status(Status.Code.UNAVAILABLE).on("AccessSecretVersion"));
    try (SecretSource twoAttempts = source("attempts=2")) {
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> twoAttempts.fetch("down-key", VersionSelector.CURRENT));

      assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
      assertThat(e.getMessage()).contains("2 attempt(s)");
      assertThat(server.calls("AccessSecretVersion")).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Status.Code.class,
      names = {"NOT_FOUND", "PERMISSION_DENIED", "FAILED_PRECONDITION", "RESOURCE_EXHAUSTED"})
  void nonTransientCodeOrThrottling_isNotRetriedByTheSdk(Status.Code code) throws Exception {
    server.inject(Fault.status(code).on("AccessSecretVersion"));

    catchThrowableOfType(SecretSourceException.class, () -> source.fetch("once-key", VersionSelector.CURRENT));

    assertThat(server.calls("AccessSecretVersion")).isEqualTo(1);
  }

  @Test
  void unansweredCall_endsAtTheDeadline_asTransient_afterEveryAttempt() throws Exception {
    operator.put("slow-key", "v");
    server.inject(Fault.hang().on("AccessSecretVersion"));
    try (SecretSource impatient = source("timeout=200ms&attempts=2")) {
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> impatient.fetch("slow-key", VersionSelector.CURRENT));

      assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
      assertThat(e.getMessage()).contains("slow-key", "DEADLINE_EXCEEDED", "200 ms");
      assertThat(server.calls("AccessSecretVersion")).isEqualTo(2);
    }
  }

  @Test
  void stoppedServer_isTransient() throws Exception {
    operator.put("offline-key", "v");
    server.stop();

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("offline-key", VersionSelector.CURRENT));

    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("UNAVAILABLE");
  }

  // ------------------------------------------------------------------------------------------- the resolver rides it out

  /** Each fault, after a good load and with a newer version waiting in the store: the last good value stays. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "NOT_FOUND, NOT_FOUND",
      "PERMISSION_DENIED, ACCESS_DENIED",
      "UNAUTHENTICATED, ACCESS_DENIED",
      "UNAVAILABLE, TRANSIENT",
      "RESOURCE_EXHAUSTED, TRANSIENT",
      "DEADLINE_EXCEEDED, TRANSIENT",
      "INTERNAL, TRANSIENT",
      "FAILED_PRECONDITION, PERMANENT",
      "hang, TRANSIENT",
      "corrupt, TRANSIENT",
      "stop, TRANSIENT"})
  void everyFault_afterAGoodLoad_resolverServesTheLastGoodValue(String fault, Kind kind) throws Exception {
    operator.put("steady-key", "good");
    FakeTicker ticker = new FakeTicker();
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (SecretSource impatient = source("timeout=200ms&attempts=2");
        Secrets secrets = Secrets.builder().source(impatient).environment("development").ticker(ticker)
            .refreshRateLimit(Duration.ZERO).auditHook(events::add).auditFailClosed().build()) {
      assertThat(secrets.get("steady-key").asString()).isEqualTo("good");
      operator.put("steady-key", "newer");
      int before = server.calls("GetSecretVersion") + server.calls("AccessSecretVersion");
      inject(fault);

      ticker.advance(Duration.ofSeconds(2));
      assertThat(secrets.refresh("steady-key").asString()).isEqualTo("good");
      assertThat(secrets.get("steady-key").asString()).isEqualTo("good");

      if (!fault.equals("stop")) {
        assertThat(server.calls("GetSecretVersion") + server.calls("AccessSecretVersion"))
            .as("the refresh reached the store").isGreaterThan(before);
      }
      assertThat(events).filteredOn(e -> e.outcome() == AuditEvent.Outcome.STALE)
          .extracting(e -> e.detail().orElse(""))
          .anySatisfy(detail -> assertThat(detail).startsWith(kind + ": ").contains("steady-key"));
    }
  }

  private void inject(String fault) {
    switch (fault) {
      case "hang":
        server.inject(Fault.hang().on("GetSecretVersion"));
        server.inject(Fault.hang().on("AccessSecretVersion"));
        break;
      case "corrupt":
        server.corruptNextPayloads(100);
        break;
      case "stop":
        server.stop();
        break;
      default:
        server.inject(Fault.status(Status.Code.valueOf(fault)).on("GetSecretVersion"));
        server.inject(Fault.status(Status.Code.valueOf(fault)).on("AccessSecretVersion"));
    }
  }

  @Test
  void transientOutage_thenRecovery_bringsTheNewVersionAsOneRotation() throws Exception {
    operator.put("healing-key", "before");
    FakeTicker ticker = new FakeTicker();
    List<String> rotations = new CopyOnWriteArrayList<>();
    try (Secrets secrets = Secrets.builder().source(source).environment("development").ticker(ticker)
        .refreshRateLimit(Duration.ZERO).build()) {
      secrets.onRotation("healing-key", (n, from, to) -> rotations.add(from + "->" + to));
      secrets.get("healing-key");
      operator.put("healing-key", "after");
      server.inject(Fault.status(Status.Code.UNAVAILABLE).on("GetSecretVersion"));
      ticker.advance(Duration.ofSeconds(2));
      assertThat(secrets.refresh("healing-key").asString()).isEqualTo("before");

      server.clearFaults();
      ticker.advance(Duration.ofMinutes(2));
      assertThat(secrets.refresh("healing-key").asString()).isEqualTo("after");
      assertThat(rotations).containsExactly("1->2");
    }
  }
}
