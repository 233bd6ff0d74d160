package dev.secrets4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import dev.secrets4j.SecretException;
import dev.secrets4j.SecretUnavailableException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SecretSource} must have. A provider's test extends this class and supplies a
 * {@link Fixture}: a source over a real (local) store, and a way to write values into that store directly,
 * as an operator or a rotation job would.
 *
 * <p>Secret names used here are lower case letters, digits and {@code -}, valid in every store.
 */
public abstract class SecretSourceContract {

  /** A source plus write access to the store behind it. Created fresh for every test. */
  protected interface Fixture {
    /** The source under test. */
    SecretSource source();

    /** Stores {@code value} as the new current version of {@code name}, creating the secret if needed. */
    void put(String name, String value) throws Exception;

    /**
     * Makes the store refuse {@code name} for good, as an operator answering a leak would: delete it, schedule it
     * for deletion, disable it, or take the caller's access away. After this every read path of the source
     * ({@code fetch}, {@code fetchAll}, {@code currentVersionId}, {@code metadata}) must answer with a definitive
     * kind ({@code NOT_FOUND}, {@code ACCESS_DENIED} or {@code PERMANENT}), never {@code TRANSIENT} and never the
     * old version id. A store without such an answer leaves the default, and the revocation cases are skipped.
     *
     * @throws UnsupportedOperationException when the store cannot revoke
     */
    default void revoke(String name) throws Exception {
      throw new UnsupportedOperationException("this store has no revocation");
    }

    /**
     * Starts ({@code true}) or ends ({@code false}) an outage: while it lasts every call of the source fails with
     * a {@code TRANSIENT} kind (a 5xx, a timeout, an unreachable endpoint), while {@link #put} still writes to the
     * store behind it, as a rotation job on the store's side would. The default cannot, and the outage cases are
     * skipped.
     *
     * @throws UnsupportedOperationException when the fixture cannot simulate an outage
     */
    default void outage(boolean failing) throws Exception {
      throw new UnsupportedOperationException("this fixture cannot simulate an outage");
    }

    /** Stops what the fixture started (a server, a client). */
    default void close() throws Exception {}
  }

  /** A fresh fixture over an empty store. */
  protected abstract Fixture createFixture() throws Exception;

  /** Whether the store keeps the version before the current one (previous, or by id). */
  protected boolean keepsPreviousVersions() {
    return true;
  }

  protected Fixture fixture;
  protected SecretSource source;

  @BeforeEach
  void openFixture() throws Exception {
    fixture = createFixture();
    source = fixture.source();
  }

  @AfterEach
  void closeFixture() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** A value that must never show up in a message: unique per call. */
  protected static String canary() {
    return "canary-" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void contract_idIsPrintableAndStable() {
    assertThat(source.id()).isNotBlank();
    assertThat(source.id()).isEqualTo(source.id());
  }

  @Test
  void contract_fetchCurrent_returnsTheValueWritten() throws Exception {
    fixture.put("contract-api-key", "value-one");
    SecretVersion v = source.fetch("contract-api-key", VersionSelector.CURRENT);
    assertThat(v.valueAsString()).isEqualTo("value-one");
    assertThat(v.versionId()).isNotBlank();
  }

  @Test
  void contract_fetchMissing_isNotFound_andNamesTheSecret() {
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("contract-missing", VersionSelector.CURRENT));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(SecretSourceException.Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("contract-missing");
  }

  @Test
  void contract_unchangedValue_keepsItsVersionId() throws Exception {
    fixture.put("contract-stable", "same");
    String first = source.fetch("contract-stable", VersionSelector.CURRENT).versionId();
    String second = source.fetch("contract-stable", VersionSelector.CURRENT).versionId();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void contract_newValue_becomesCurrent_withANewVersionId() throws Exception {
    fixture.put("contract-rotating", "old-value");
    String oldId = source.fetch("contract-rotating", VersionSelector.CURRENT).versionId();
    fixture.put("contract-rotating", "new-value");
    SecretVersion now = source.fetch("contract-rotating", VersionSelector.CURRENT);
    assertThat(now.valueAsString()).isEqualTo("new-value");
    assertThat(now.versionId()).isNotEqualTo(oldId);
  }

  @Test
  void contract_previous_isTheValueBeforeTheLastChange() throws Exception {
    fixture.put("contract-prev", "first");
    String firstId = source.fetch("contract-prev", VersionSelector.CURRENT).versionId();
    fixture.put("contract-prev", "second");
    if (keepsPreviousVersions()) {
      SecretVersion prev = source.fetch("contract-prev", VersionSelector.PREVIOUS);
      assertThat(prev.valueAsString()).isEqualTo("first");
      assertThat(prev.versionId()).isEqualTo(firstId);
      assertThat(source.fetch("contract-prev", VersionSelector.id(firstId)).valueAsString()).isEqualTo("first");
    } else {
      assertThatThrownBy(() -> source.fetch("contract-prev", VersionSelector.PREVIOUS))
          .isInstanceOfSatisfying(SecretSourceException.class,
              e -> assertThat(e.kind()).isEqualTo(SecretSourceException.Kind.NOT_FOUND));
    }
  }

  @Test
  void contract_unknownVersionId_isNotFound() throws Exception {
    fixture.put("contract-versions", "v");
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> source.fetch("contract-versions", VersionSelector.id("0000000000000000deadbeef")));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isIn(SecretSourceException.Kind.NOT_FOUND, SecretSourceException.Kind.PERMANENT);
  }

  @Test
  void contract_fetchAll_returnsEveryExistingSecret_andLeavesOutMissingOnes() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      fixture.put("contract-batch-" + i, "value-" + i);
      names.add("contract-batch-" + i);
    }
    names.add("contract-batch-missing");
    Map<String, SecretVersion> all = source.fetchAll(names);
    assertThat(all).hasSize(25).doesNotContainKey("contract-batch-missing");
    for (int i = 0; i < 25; i++) {
      assertThat(all.get("contract-batch-" + i).valueAsString()).isEqualTo("value-" + i);
    }
  }

  @Test
  void contract_currentVersionId_whenOffered_matchesFetch() throws Exception {
    fixture.put("contract-cheap", "x");
    Optional<String> cheap = source.currentVersionId("contract-cheap");
    cheap.ifPresent(id -> {
      try {
        assertThat(id).isEqualTo(source.fetch("contract-cheap", VersionSelector.CURRENT).versionId());
      } catch (SecretSourceException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void contract_unicodeAndMultilineValues_roundTripExactly() throws Exception {
    String value = "línea uno ✓\nline \"two\" = 'x' # not a comment\n\tend";
    fixture.put("contract-unicode", value);
    assertThat(source.fetch("contract-unicode", VersionSelector.CURRENT).valueAsString()).isEqualTo(value);
  }

  @Test
  void contract_jsonValue_fieldsAreReadableThroughTheResolver() throws Exception {
    fixture.put("contract-db", "{\"username\":\"app\",\"password\":\"pw-123\",\"port\":5432}");
    try (Secrets secrets = Secrets.builder().source(source).environment("development").build()) {
      assertThat(secrets.get("contract-db#password").asString()).isEqualTo("pw-123");
      assertThat(secrets.get("contract-db#port").asString()).isEqualTo("5432");
    }
  }

  @Test
  void contract_noValueInMessagesOrToString() throws Exception {
    String canary = canary();
    fixture.put("contract-canary", canary);
    SecretVersion v = source.fetch("contract-canary", VersionSelector.CURRENT);
    assertThat(v.toString()).doesNotContain(canary);
    assertThat(source.id()).doesNotContain(canary);
    assertThat(source.toString()).doesNotContain(canary);
    List<String> messages = new ArrayList<>();
    for (VersionSelector sel : List.of(VersionSelector.PREVIOUS, VersionSelector.id("nope-0000"))) {
      try {
        source.fetch("contract-canary", sel);
      } catch (SecretSourceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          messages.add(String.valueOf(t.getMessage()));
        }
      }
    }
    assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain(canary));
  }

  @Test
  void contract_resolverSeesARotation_asOneListenerCall() throws Exception {
    fixture.put("contract-rotation", "before");
    FakeTicker ticker = new FakeTicker();
    List<String> calls = new ArrayList<>();
    try (Secrets secrets = Secrets.builder().source(source).environment("development").ticker(ticker)
        .refreshRateLimit(Duration.ZERO).build()) {
      secrets.onRotation("contract-rotation", (n, o, c) -> calls.add(o + "->" + c));
      Secret before = secrets.get("contract-rotation");
      assertThat(before.asString()).isEqualTo("before");
      fixture.put("contract-rotation", "after");
      ticker.advance(Duration.ofSeconds(2));
      Secret after = secrets.refresh("contract-rotation");
      secrets.refresh("contract-rotation");
      assertThat(after.asString()).isEqualTo("after");
      assertThat(calls).containsExactly(before.versionId() + "->" + after.versionId());
      if (keepsPreviousVersions()) {
        assertThat(secrets.versions("contract-rotation")).extracting(Secret::asString)
            .containsExactly("after", "before");
      }
    }
  }

  @Test
  void contract_concurrentFetches_allSucceed() throws Exception {
    fixture.put("contract-concurrent", "shared");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> source.fetch("contract-concurrent", VersionSelector.CURRENT).valueAsString()));
      }
      for (Future<String> f : results) {
        assertThat(f.get()).isEqualTo("shared");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code step}; a fixture that does not support it skips the test. */
  private static void supported(FixtureStep step) throws Exception {
    try {
      step.run();
    } catch (UnsupportedOperationException e) {
      Assumptions.abort(e.getMessage());
    }
  }

  private interface FixtureStep {
    void run() throws Exception;
  }

  /** A resolver over the source on a fake ticker, whose maintenance ticks (and refreshes) run when asked. */
  private final class Driven implements AutoCloseable {
    final FakeTicker ticker = new FakeTicker();
    final List<Runnable> ticks = new CopyOnWriteArrayList<>();
    final List<String> told = new CopyOnWriteArrayList<>();
    final Secrets secrets;

    Driven(Duration maxStale) {
      secrets = Secrets.builder().source(source).environment("development").ticker(ticker).clock(ticker.clock())
          .executor(Runnable::run).manualMaintenance(ticks::add).maxStale(maxStale)
          .revokedGrace(Duration.ofSeconds(10)).build();
      secrets.onRotation(new dev.secrets4j.RotationListener() {
        @Override
        public void onRotation(String name, String previous, String current) {
          told.add("rotated " + previous + "->" + current);
        }

        @Override
        public void onRevocation(String name, String versionId) {
          told.add("revoked " + versionId);
        }
      });
    }

    void after(Duration d) {
      ticker.advance(d);
      ticks.forEach(Runnable::run);
    }

    @Override
    public void close() {
      secrets.close();
    }
  }

  @Test
  void contract_revokedIsNotStale_everyReadPathSaysSo_andTheResolverStopsServing() throws Exception {
    fixture.put("contract-revoked", "leaked-value");
    try (Driven d = new Driven(Duration.ofHours(24))) {
      Secret before = d.secrets.get("contract-revoked");
      supported(() -> fixture.revoke("contract-revoked"));
      SecretSourceException fetched = catchThrowableOfType(SecretSourceException.class,
          () -> source.fetch("contract-revoked", VersionSelector.CURRENT));
      assertThat(fetched).as("fetch of a revoked secret").isNotNull();
      assertThat(fetched.kind()).isNotEqualTo(SecretSourceException.Kind.TRANSIENT);
      try {
        assertThat(source.currentVersionId("contract-revoked")).as("the cheap check of a revoked secret")
            .isEmpty();
      } catch (SecretSourceException cheap) {
        assertThat(cheap.kind()).isNotEqualTo(SecretSourceException.Kind.TRANSIENT);
      }
      d.after(Duration.ofMinutes(6)); // the refresh hears the refusal
      d.after(Duration.ofSeconds(6)); // the confirming call hears it again
      d.after(Duration.ofSeconds(5)); // the grace is over
      assertThatThrownBy(() -> d.secrets.get("contract-revoked")).isInstanceOf(SecretException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("leaked-value"));
      assertThat(d.told).containsExactly("revoked " + before.versionId());
    }
  }

  @Test
  void contract_rotationDuringAnOutage_isAnnouncedOnce_whenTheStoreIsBack() throws Exception {
    fixture.put("contract-outage", "before-outage");
    try (Driven d = new Driven(Duration.ofMinutes(10))) {
      Secret before = d.secrets.get("contract-outage");
      supported(() -> fixture.outage(true));
      fixture.put("contract-outage", "rotated-in-outage");
      for (int i = 0; i < 3; i++) {
        d.after(Duration.ofMinutes(6));
      }
      assertThatThrownBy(() -> d.secrets.get("contract-outage"))
          .as("the outage outlived maxStale").isInstanceOf(SecretUnavailableException.class);
      fixture.outage(false);
      d.after(Duration.ofMinutes(2));
      Secret after = d.secrets.get("contract-outage");
      assertThat(after.asString()).isEqualTo("rotated-in-outage");
      d.after(Duration.ofMinutes(6));
      d.secrets.get("contract-outage");
      assertThat(d.told).containsExactly("rotated " + before.versionId() + "->" + after.versionId());
    }
  }
}
