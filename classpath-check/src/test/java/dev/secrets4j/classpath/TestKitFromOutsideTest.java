package dev.secrets4j.classpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.secrets4j.AuditEvent;
import dev.secrets4j.EnvironmentViolationException;
import dev.secrets4j.SecretUnavailableException;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.test.Secrets4jTest;
import dev.secrets4j.test.SecretsEnvironment;
import dev.secrets4j.test.TestSecrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The test kit as an application's tests use it: only the published artifacts, through their public API. */
@Secrets4jTest
class TestKitFromOutsideTest {

  @Test
  void putThenGet_readsTheValue_andAuditsTheLoad(TestSecrets secrets) {
    secrets.put("stripe-api-key", "sk_test_from_the_kit");

    assertThat(secrets.get("stripe-api-key").asString()).isEqualTo("sk_test_from_the_kit");
    assertThat(secrets.auditEvents("stripe-api-key")).extracting(AuditEvent::outcome)
        .containsExactly(AuditEvent.Outcome.LOADED);
  }

  @Test
  void rotate_isServedAfterAdvancingPastRefresh_andListenersAreTold(TestSecrets secrets) {
    String first = secrets.put("db-password", "one");
    secrets.get("db-password");
    List<String> rotations = new ArrayList<>();
    secrets.secrets().onRotation("db-password", (name, oldVersion, newVersion) -> rotations.add(oldVersion + ">" + newVersion));

    String second = secrets.rotate("db-password", "two");
    assertThat(secrets.get("db-password").asString()).isEqualTo("one");
    secrets.advance(Duration.ofMinutes(6));

    assertThat(secrets.get("db-password").asString()).isEqualTo("two");
    assertThat(rotations).containsExactly(first + ">" + second);
  }

  @Test
  void rotate_ofASecretNotInTheStore_isAnError(TestSecrets secrets) {
    assertThatThrownBy(() -> secrets.rotate("never-put", "x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never-put");
  }

  @Test
  void failStore_keepsServingTheLastGoodValue_untilMaxStale(TestSecrets secrets) {
    secrets.put("api-token", "good");
    Secrets resolver = secrets.newResolver(b -> b.maxStale(Duration.ofHours(1)));
    resolver.get("api-token");

    secrets.failStore(SecretSourceException.Kind.TRANSIENT);
    secrets.advance(Duration.ofMinutes(6));
    assertThat(resolver.get("api-token").asString()).isEqualTo("good");

    secrets.advance(Duration.ofHours(1));
    assertThatThrownBy(() -> resolver.get("api-token")).isInstanceOf(SecretUnavailableException.class);

    secrets.heal();
    secrets.advance(Duration.ofMinutes(2));
    assertThat(resolver.get("api-token").asString()).isEqualTo("good");
  }

  @Test
  void assertNoLeak_passesWhenOnlyMaskedFormsWerePrinted(TestSecrets secrets) {
    secrets.put("webhook-secret", "whsec_canary_1234567890");
    System.out.println("read " + secrets.get("webhook-secret"));

    secrets.assertNoLeak("whsec_canary_1234567890");
  }

  @Test
  void assertNoLeak_failsWhenTheValueWasPrinted_withoutRepeatingIt(TestSecrets secrets) {
    secrets.put("webhook-secret", "whsec_canary_printed");
    System.err.println("oops " + secrets.get("webhook-secret").asString());

    Throwable failure = catchThrowable(() -> secrets.assertNoLeak("whsec_canary_printed"));

    assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("standard output or standard error");
    assertThat(failure.getMessage()).doesNotContain("whsec_canary_printed");
  }

  @Test
  void assertNoLeak_searchesTheExceptionsItIsGiven(TestSecrets secrets) {
    IllegalStateException leaky = new IllegalStateException("wrap", new RuntimeException("value=hunter2-canary"));

    assertThatThrownBy(() -> secrets.assertNoLeak("hunter2-canary", leaky)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.lang.RuntimeException");
  }

  @Nested
  @SecretsEnvironment("production")
  class InProduction {
    @Test
    void theResolverAndAppEnvAreProduction(TestSecrets secrets) {
      assertThat(secrets.secrets().environment().name()).isEqualTo("production");
      assertThat(System.getProperty("app.env")).isEqualTo("production");
    }

    @Test
    @SecretsEnvironment("staging")
    void theMethodsAnnotationWins(TestSecrets secrets) {
      assertThat(secrets.secrets().environment().name()).isEqualTo("staging");
    }
  }

  @Test
  @SecretsEnvironment("development")
  void liveKeysAreRefusedOutsideProduction_asInARealDeployment(TestSecrets secrets) {
    secrets.put("stripe-api-key", "sk_live_" + "0123456789abcdefghijklmnop");

    Throwable refused = catchThrowable(() -> secrets.get("stripe-api-key"));

    assertThat(refused).isInstanceOf(EnvironmentViolationException.class);
    secrets.assertNoLeak("sk_live_" + "0123456789abcdefghijklmnop", refused);
  }
}
