package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.Manifest.Report.Kind;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import org.junit.jupiter.api.Test;

/** JSON secrets nested past the limit are refused with the library's own exception, everywhere they are read. */
class JsonLimitsTest {
  private static final String CANARY = "cnrydeepjson41";
  private final FakeTicker ticker = new FakeTicker();
  private final InMemorySecretSource store = InMemorySecretSource.create();

  private static String nested(int depth) {
    return "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"b\":\"" + CANARY + "\"}";
  }

  private SecretsBuilder builder() {
    return Secrets.builder().environment("development").source(store).ticker(ticker).clock(ticker.clock())
        .executor(Runnable::run).manualMaintenance();
  }

  @Test
  void fieldOfAValueNestedPastTheLimit_isAConfigurationError_notANullPointer() {
    Secret deep = Secret.of("deep", "v1", nested(5000));
    assertThatThrownBy(() -> deep.field("a")).isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("deeper than " + Secret.MAX_JSON_NESTING).hasMessageNotContaining(CANARY);
  }

  @Test
  void nestingJustPastTheExplicitLimit_isRefused_andWithinItIsRead() {
    assertThatThrownBy(() -> Secret.of("d", "v1", nested(Secret.MAX_JSON_NESTING)).field("a"))
        .isInstanceOf(SecretConfigurationException.class);
    assertThat(Secret.of("d", "v1", nested(Secret.MAX_JSON_NESTING - 2)).field("b").asString()).isEqualTo(CANARY);
  }

  @Test
  void resolverRead_validateAndRequire_reportTheDeepValue_insteadOfCrashing() {
    store.put("deep", nested(5000));
    try (Secrets secrets = builder().build()) {
      assertThatThrownBy(() -> secrets.get("deep#b")).isInstanceOf(SecretConfigurationException.class);
      Manifest.Report report = secrets.validate(Manifest.builder().required("deep#b").build());
      assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(Kind.UNAVAILABLE));
      assertThat(report.toString()).doesNotContain(CANARY);
    }
    assertThatThrownBy(() -> builder().require(Manifest.builder().required("deep#b").build()).build())
        .isInstanceOf(SecretConfigurationException.class).hasMessageContaining("deep#b");
  }

  @Test
  void validate_alwaysReturnsAReport_evenWhenTheSourceThrowsSomethingUnexpected() {
    store.put("api-key", "v");
    dev.secrets4j.spi.SecretSource throwingMetadata = new dev.secrets4j.spi.SecretSource() {
      @Override
      public String id() {
        return "memory:throwing-metadata";
      }

      @Override
      public dev.secrets4j.spi.SecretVersion fetch(String name, dev.secrets4j.spi.VersionSelector selector)
          throws dev.secrets4j.spi.SecretSourceException {
        return store.fetch(name, selector);
      }

      @Override
      public java.util.Optional<dev.secrets4j.spi.SecretMetadata> metadata(String name) {
        throw new IllegalStateException("boom " + CANARY);
      }
    };
    try (Secrets secrets = Secrets.builder().environment("development").source(throwingMetadata).ticker(ticker)
        .clock(ticker.clock()).executor(Runnable::run).manualMaintenance().guards()
        .environmentTag(GuardOptions.Mode.OFF).and().build()) {
      Manifest.Report r = secrets.validate(Manifest.builder().required("api-key").build());
      assertThat(r.problems()).singleElement().satisfies(p -> {
        assertThat(p.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(p.detail()).contains("IllegalStateException").doesNotContain(CANARY);
      });
    }
  }

  @Test
  void missingOptionalSecret_getsALineInTheReport_withoutBeingAProblem() {
    try (Secrets secrets = builder().build()) {
      Manifest.Report r = secrets.validate(Manifest.builder().optional("nice-to-have").build());
      assertThat(r.isValid()).isTrue();
      assertThat(r.problems()).isEmpty();
      assertThat(r.absentOptional()).containsExactly("nice-to-have");
      assertThat(r.toString()).contains("INFO ABSENT nice-to-have: optional, not found in");
    }
  }
}
