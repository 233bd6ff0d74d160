package dev.secrets4j.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.secrets4j.AuditEvent;
import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.azure.Fault;
import dev.secrets4j.test.azure.LocalKeyVault;
import dev.secrets4j.test.azure.TestCredential;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way the vault can fail a read: the kind the source reports; for the transient ones, the resolver serving the
 * last good value while it lasts (its failed refresh is audited as stale, with that kind). What the resolver does
 * with a definitive answer is core's revocation contract, held by the contract kit.
 */
class KeyVaultStoreFaultTest {
  private static final String NAME = "payment-api-key";

  /** A store fault, how to cause it, and the kind it must map to. */
  enum StoreFault {
    THROTTLED_429(Kind.TRANSIENT, (v, n) -> v.inject(Fault.throttling(3600))),
    UNAVAILABLE_503(Kind.TRANSIENT, (v, n) -> v.inject(Fault.status(503))),
    SERVER_ERROR_500(Kind.TRANSIENT, (v, n) -> v.inject(Fault.status(500))),
    SLOW_ANSWER(Kind.TRANSIENT, (v, n) -> v.inject(Fault.delay(Duration.ofSeconds(30)))),
    DROPPED_CONNECTION(Kind.TRANSIENT, (v, n) -> v.inject(Fault.dropConnection())),
    TOKEN_REFUSED_401(Kind.ACCESS_DENIED, (v, n) -> v.acceptToken("only-a-new-token")),
    FORBIDDEN_403(Kind.ACCESS_DENIED, (v, n) -> v.denyAll(true)),
    SOFT_DELETED_404(Kind.NOT_FOUND, LocalKeyVault::delete),
    DISABLED_403(Kind.PERMANENT, (v, n) -> {
      SecretClient c = v.newClient();
      c.updateSecretProperties(c.getSecret(n).getProperties().setEnabled(false));
    }),
    API_VERSION_NOT_SPOKEN_400(Kind.PERMANENT, (v, n) -> v.apiVersions("7.0")),
    BAD_REQUEST_400(Kind.PERMANENT, (v, n) -> v.inject(Fault.status(400)));

    final Kind kind;
    final BiConsumer<LocalKeyVault, String> cause;

    StoreFault(Kind kind, BiConsumer<LocalKeyVault, String> cause) {
      this.kind = kind;
      this.cause = cause;
    }
  }

  private final FakeTicker ticker = new FakeTicker();
  private LocalKeyVault vault;

  @BeforeEach
  void startVault() throws Exception {
    vault = LocalKeyVault.start();
  }

  @AfterEach
  void stopVault() {
    vault.close();
  }

  @ParameterizedTest
  @EnumSource(StoreFault.class)
  void storeFault_isMappedToItsKind_andThroughAnOutageTheResolverKeepsServingTheLastGoodValue(StoreFault fault) throws Exception {
    String value = "canary-" + UUID.randomUUID();
    vault.newClient().setSecret(NAME, value);
    KeyVaultSecretSource source = TestSources.source(vault.sourceUri("timeout=1s&retries=0"),
        TestCredential.valid(), ticker.clock(), w -> { });
    BlockingQueue<AuditEvent> stale = new LinkedBlockingQueue<>();
    try (Secrets secrets = Secrets.builder().source(source).environment("development").ticker(ticker)
        .refreshRateLimit(Duration.ZERO)
        .auditHook(e -> {
          if (e.outcome() == AuditEvent.Outcome.STALE && e.detail().isPresent()) {
            stale.add(e);
          }
        })
        .build()) {
      Secret good = secrets.get(NAME);
      assertThat(good.asString()).isEqualTo(value);

      fault.cause.accept(vault, NAME);
      SecretSourceException direct = catchThrowableOfType(SecretSourceException.class,
          () -> source.fetch(NAME, VersionSelector.CURRENT));
      assertThat(direct).isNotNull();
      assertThat(direct.kind()).isEqualTo(fault.kind);
      assertThat(direct.getMessage()).contains(NAME, source.id()).doesNotContain(value);
      if (fault.kind != Kind.TRANSIENT) {
        return;
      }

      ticker.advance(Duration.ofSeconds(2));
      Secret afterRefresh = secrets.refresh(NAME);
      assertThat(afterRefresh.asString()).isEqualTo(value);
      assertThat(afterRefresh.versionId()).isEqualTo(good.versionId());
      assertThat(secrets.get(NAME).asString()).isEqualTo(value);

      AuditEvent event = stale.poll(20, TimeUnit.SECONDS);
      assertThat(event).as("a STALE audit event for the failed refresh").isNotNull();
      assertThat(event.detail()).hasValueSatisfying(d -> assertThat(d).startsWith(fault.kind.name())
          .doesNotContain(value));
    }
  }
}
