package dev.secrets4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class Secrets4jExtensionTest {
  static final List<String> SEEN = new ArrayList<>();
  private String saved;

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty("app.env");
    } else {
      System.setProperty("app.env", saved);
    }
  }

  @Test
  void secretsEnvironment_setsAppEnvForTheTest_andRestoresThePreviousValue() {
    saved = System.getProperty("app.env");
    System.setProperty("app.env", "staging");
    SEEN.clear();

    Events tests = run(InProduction.class);

    tests.assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(SEEN).containsExactly("production");
    assertThat(System.getProperty("app.env")).isEqualTo("staging");
  }

  @Test
  void secretsEnvironment_clearsAppEnvAfterwards_whenItWasNotSet() {
    saved = System.getProperty("app.env");
    System.clearProperty("app.env");

    run(InProduction.class).assertStatistics(s -> s.succeeded(1));

    assertThat(System.getProperty("app.env")).isNull();
  }

  @Test
  void withoutTheAnnotation_theTestRunsInDevelopment_andAppEnvIsLeftAlone() {
    saved = System.getProperty("app.env");
    System.setProperty("app.env", "staging");
    SEEN.clear();

    run(Unannotated.class).assertStatistics(s -> s.succeeded(1));

    assertThat(SEEN).containsExactly("development staging");
  }

  @Test
  void everyTestGetsAFreshStore_andItsResolversAreClosedAfterIt() {
    SEEN.clear();

    run(TwoTests.class).assertStatistics(s -> s.succeeded(2).failed(0));

    assertThat(SEEN).containsExactly("closed");
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
  }

  @Secrets4jTest
  @SecretsEnvironment("prod")
  static class InProduction {
    @Test
    void records(TestSecrets secrets) {
      SEEN.add(secrets.secrets().environment().name());
    }
  }

  @Secrets4jTest
  static class Unannotated {
    @Test
    void records(TestSecrets secrets) {
      SEEN.add(secrets.secrets().environment().name() + " " + System.getProperty("app.env"));
    }
  }

  @Secrets4jTest
  static class TwoTests {
    private static TestSecrets previous;

    @Test
    void first(TestSecrets secrets) {
      check(secrets);
    }

    @Test
    void second(TestSecrets secrets) {
      check(secrets);
    }

    private static void check(TestSecrets secrets) {
      if (previous != null) {
        assertThat(secrets).isNotSameAs(previous);
        try {
          previous.secrets().get("x");
        } catch (IllegalStateException | dev.secrets4j.SecretException e) {
          SEEN.add("closed");
        }
      }
      assertThat(secrets.store().fetchCount()).isZero();
      secrets.put("x", "only-in-" + secrets.hashCode());
      secrets.get("x");
      previous = secrets;
    }
  }
}
