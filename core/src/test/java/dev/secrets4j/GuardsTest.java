package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.AuditEvent.Outcome;
import dev.secrets4j.TestSources.RecordingHook;
import dev.secrets4j.spi.CredentialPatterns;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.test.InMemorySecretSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GuardsTest {
  private final Ticks ticks = new Ticks();
  private static final String LIVE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc".replace('4', 'x');
  private static final String TEST = "sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc".replace('4', 'y');
  private final InMemorySecretSource store = InMemorySecretSource.create();
  @RegisterExtension final OpenResolvers open = new OpenResolvers();

  private Secrets build(SecretsBuilder b) {
    return open.build(b);
  }

  private SecretsBuilder in(String env) {
    return Secrets.builder().environment(env).source(store).manualMaintenance(ticks);
  }

  // 1. a source of another environment

  @Test
  void sourceNamingAnotherEnvironment_isRefusedAtBuild() {
    assertThatThrownBy(() -> Secrets.builder().environment("staging")
        .source("staging", "aws-sm://us-east-1?prefix=production/").build())
        .isInstanceOf(EnvironmentViolationException.class)
        .hasMessageContaining("cross-environment-source").hasMessageContaining("'production'")
        .hasMessageContaining("staging");
    assertThatThrownBy(() -> Secrets.builder().environment("development").source("azure-kv://myapp-prod-kv").build())
        .isInstanceOf(EnvironmentViolationException.class).hasMessageContaining("'prod'");
  }

  @Test
  void sourceNamingItsOwnEnvironment_isAllowed() {
    InMemorySecretSource.named("myapp-staging").put("api-key", "v");
    Secrets s = build(Secrets.builder().environment("staging").source("memory:myapp-{env}").manualMaintenance(ticks));
    assertThat(s.get("api-key").asString()).isEqualTo("v");
  }

  // 2. a store-side environment tag

  @Test
  void environmentTagOfAnotherEnvironment_isRefusedOnRead() {
    store.put("api-key", "v");
    store.metadata("api-key", SecretMetadata.builder().tag("environment", "prod").build());
    RecordingHook hook = new RecordingHook();
    Secrets s = build(in("staging").auditHook(hook));
    assertThatThrownBy(() -> s.get("api-key"))
        .isInstanceOf(EnvironmentViolationException.class)
        .hasMessageContaining("environment-tag").hasMessageContaining("environment=prod");
    s.close();
    assertThat(hook.outcomes()).contains(Outcome.DENIED);
  }

  @Test
  void metadataSentWithTheValue_isUsed_withoutASecondStoreCall() {
    java.util.concurrent.atomic.AtomicInteger metadataCalls = new java.util.concurrent.atomic.AtomicInteger();
    dev.secrets4j.spi.SecretSource oneAnswer = new dev.secrets4j.spi.SecretSource() {
      @Override
      public String id() {
        return "memory:one-answer";
      }

      @Override
      public dev.secrets4j.spi.SecretVersion fetch(String name, dev.secrets4j.spi.VersionSelector selector) {
        return dev.secrets4j.spi.SecretVersion.of("v1", "value")
            .withMetadata(SecretMetadata.builder().tag("environment", "production").build());
      }

      @Override
      public java.util.Optional<SecretMetadata> metadata(String name) {
        metadataCalls.incrementAndGet();
        return java.util.Optional.empty();
      }
    };
    Secrets s = build(Secrets.builder().environment("staging").source(oneAnswer).manualMaintenance(ticks));
    assertThatThrownBy(() -> s.get("api-key")).hasMessageContaining("environment-tag");
    assertThat(metadataCalls.get()).isZero();
  }

  @Test
  void environmentTagIsReadByWholeTokens() {
    store.put("eu", "v");
    store.metadata("eu", SecretMetadata.builder().tag("environment", "prod-eu").build());
    store.put("mine", "v");
    store.metadata("mine", SecretMetadata.builder().tag("environment", "staging_2").build());
    store.put("product", "v");
    store.metadata("product", SecretMetadata.builder().tag("environment", "product-catalog").build());
    Secrets s = build(in("staging"));
    assertThatThrownBy(() -> s.get("eu")).hasMessageContaining("environment=prod-eu");
    assertThat(s.get("mine").asString()).isEqualTo("v");
    assertThat(s.get("product").asString()).isEqualTo("v");
  }

  @Test
  void environmentTagOfThisEnvironment_isAllowed() {
    store.put("api-key", "v");
    store.metadata("api-key", SecretMetadata.builder().tag("environment", "staging").build());
    assertThat(build(in("staging")).get("api-key").asString()).isEqualTo("v");
  }

  // 3. live credentials outside production

  @Test
  void liveKeyInDevelopment_isRefused_withoutPrintingIt() {
    store.put("stripe-api-key", LIVE);
    Secrets s = build(in("development"));
    assertThatThrownBy(() -> s.get("stripe-api-key"))
        .isInstanceOf(EnvironmentViolationException.class)
        .hasMessageContaining("live-credential").hasMessageContaining("Stripe live secret key")
        .hasMessageNotContaining(LIVE).hasMessageNotContaining("4eC39");
  }

  @Test
  void refusedSecret_isNotFetchedAgainOnEveryRead() {
    store.put("stripe-api-key", LIVE);
    Secrets s = build(in("development"));
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> s.get("stripe-api-key")).isInstanceOf(EnvironmentViolationException.class)
          .hasMessageContaining("live-credential");
    }
    assertThat(store.fetchCount()).isEqualTo(1);
  }

  @Test
  void liveKeyInDevelopment_warnOnly_isServed() {
    store.put("stripe-api-key", LIVE);
    Secrets s = build(in("development").guards().liveCredentials(GuardOptions.Mode.WARN).and());
    assertThat(s.get("stripe-api-key").asString()).isEqualTo(LIVE);
  }

  @Test
  void liveKeyInProduction_isAllowed() {
    store.put("stripe-api-key", LIVE);
    assertThat(build(in("production")).get("stripe-api-key").asString()).isEqualTo(LIVE);
  }

  @Test
  void liveKeyRotatedIntoStaging_isRefused_andTheLastGoodValueKeptServing() {
    store.put("stripe-api-key", TEST);
    dev.secrets4j.test.FakeTicker ticker = new dev.secrets4j.test.FakeTicker();
    Secrets s = build(in("staging").ticker(ticker).executor(Runnable::run));
    assertThat(s.get("stripe-api-key").asString()).isEqualTo(TEST);
    store.put("stripe-api-key", LIVE);
    ticker.advance(java.time.Duration.ofMinutes(6));
    ticks.run();
    assertThat(s.get("stripe-api-key").asString()).isEqualTo(TEST);
  }

  @Test
  void credentialPatterns_areExtensible_inCodeAndThroughServiceLoader() {
    store.put("acme", "acme_live_abc123def");
    store.put("other", "other_live_abcdef");
    Secrets s = build(in("development").guards()
        .credentialPattern(CredentialPatterns.Format.live("Other live key", "other_live_[a-z]+")).and());
    assertThatThrownBy(() -> s.get("acme")).hasMessageContaining("Acme live key");
    assertThatThrownBy(() -> s.get("other")).hasMessageContaining("Other live key");
  }

  // 4. test credentials in production

  @Test
  void testKeyInProduction_isWarnedByDefault_andRefusedInStrictMode() {
    store.put("stripe-api-key", TEST);
    assertThat(build(in("production")).get("stripe-api-key").asString()).isEqualTo(TEST);
    Secrets strict = build(in("production").guards().strict().and());
    assertThatThrownBy(() -> strict.get("stripe-api-key"))
        .isInstanceOf(EnvironmentViolationException.class).hasMessageContaining("test-credential");
  }

  // 5. one source shared by several environments

  @Test
  void oneSourceForSeveralEnvironments_isRefusedAtBuild() {
    assertThatThrownBy(() -> Secrets.builder().environment("development")
        .source("staging", "memory:shared-store").source("production", "memory:shared-store")
        .source("development", "memory:dev-store").build())
        .isInstanceOf(EnvironmentViolationException.class)
        .hasMessageContaining("shared-source").hasMessageContaining("staging").hasMessageContaining("production");
  }

  @Test
  void separateSourcesPerEnvironment_areAllowed() {
    Secrets s = build(Secrets.builder().environment("development").manualMaintenance(ticks)
        .source("staging", "memory:a-{env}").source("production", "memory:a-{env}")
        .source("development", "memory:a-{env}"));
    assertThat(s.sourceId()).isEqualTo("memory:a-development");
  }

  // 6. who and why

  @Test
  void productionReadWithoutAccessContext_isDenied_whenRequired_andAudited() {
    store.put("api-key", "v");
    RecordingHook hook = new RecordingHook();
    Secrets s = build(in("production").auditHook(hook).guards().requireAccessContextInProduction().and());
    assertThatThrownBy(() -> s.get("api-key"))
        .isInstanceOf(SecretAccessDeniedException.class).hasMessageContaining("AccessContext");
    assertThat(s.get("api-key", AccessContext.of("billing", "charge")).asString()).isEqualTo("v");
    assertThatThrownBy(() -> s.get("api-key")).isInstanceOf(SecretAccessDeniedException.class);
    s.close();
    assertThat(hook.outcomes()).contains(Outcome.DENIED, Outcome.LOADED);
  }

  @Test
  void productionReadWithoutAccessContext_isAllowed_byDefault() {
    store.put("api-key", "v");
    assertThat(build(in("production")).get("api-key").asString()).isEqualTo("v");
  }

  // rotation age, on the first read in production

  @Test
  void overdueSecret_isWarnedOnItsFirstReadInProduction_andStillServed() {
    store.put("stripe-api-key", "v");
    store.metadata("stripe-api-key", SecretMetadata.builder()
        .lastRotated(java.time.Instant.now().minus(java.time.Duration.ofDays(200))).build());
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertThat(build(in("production")).get("stripe-api-key").asString()).isEqualTo("v");
      assertThat(build(in("staging")).get("stripe-api-key").asString()).isEqualTo("v");
    } finally {
      System.setErr(original);
    }
    String logs = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(logs).containsOnlyOnce("[overdue-rotation] secret 'stripe-api-key'").contains("200 days ago")
        .contains("api-key limit is 90 days");
  }
}
