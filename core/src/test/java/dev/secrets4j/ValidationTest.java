package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.Manifest.Report.Kind;
import dev.secrets4j.Manifest.Report.Severity;
import dev.secrets4j.cli.Validate;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.InMemorySecretSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {
  private static final String CANARY = "cnryvalidation7f3e";
  private final FakeTicker ticker = new FakeTicker(); // wall clock 2026-11-28T12:00:00Z
  private final InMemorySecretSource store = InMemorySecretSource.create();

  @TempDir
  Path dir;

  private Instant daysAgo(int days) {
    return ticker.clock().instant().minus(Duration.ofDays(days));
  }

  private SecretsBuilder in(String env) {
    return Secrets.builder().environment(env).source(store).ticker(ticker).clock(ticker.clock()).manualMaintenance();
  }

  @Test
  void report_listsEveryProblemAtOnce_withoutAnyValue() {
    store.put("stripe-api-key", "sk_live_" + CANARY + "abcdef");
    store.put("empty-token", "  ");
    store.put("database-password", CANARY);
    store.metadata("database-password", SecretMetadata.builder().lastRotated(daysAgo(30)).build());
    Manifest m = Manifest.builder().required("stripe-api-key").required("sendgrid-api-key").required("empty-token")
        .required("database-password").optional("sentry-dsn").build();
    try (Secrets secrets = in("development").build()) {
      Manifest.Report r = secrets.validate(m);
      assertThat(r.isValid()).isFalse();
      assertThat(r.checked()).isEqualTo(5);
      assertThat(r.problems()).extracting(p -> p.secretName() + ":" + p.kind()).containsExactly(
          "stripe-api-key:REFUSED", "sendgrid-api-key:MISSING", "empty-token:EMPTY");
      assertThat(r.toString()).contains("FAILED").contains("sendgrid-api-key").doesNotContain(CANARY);
      assertThat(r.rotation()).extracting(Manifest.Report.Rotation::secretName).contains("database-password");
    }
  }

  @Test
  void rotationReport_givesAgeLimitAndDaysOverdue_withAFixedClock() {
    store.put("stripe-api-key", "k");
    store.metadata("stripe-api-key", SecretMetadata.builder().created(daysAgo(400)).lastRotated(daysAgo(120)).build());
    store.put("database-password", "p");
    store.metadata("database-password", SecretMetadata.builder().created(daysAgo(100)).build());
    store.put("oauth-client-secret", "s");
    store.metadata("oauth-client-secret", SecretMetadata.builder().lastChanged(daysAgo(366))
        .tag(GuardOptions.RotationPolicy.CATEGORY_TAG, "oauth-client-secret").build());
    Manifest m = Manifest.of("stripe-api-key", "database-password", "oauth-client-secret");
    try (Secrets secrets = in("production").build()) {
      Manifest.Report r = secrets.validate(m);
      List<String> rows = r.rotation().stream().map(Object::toString).collect(Collectors.toList());
      assertThat(rows).containsExactly(
          "stripe-api-key category=api-key age=120d limit=90d OVERDUE by 30d",
          "database-password category=database-password age=100d limit=180d",
          "oauth-client-secret category=oauth-client-secret age=366d limit=365d OVERDUE by 1d");
      assertThat(r.isValid()).as("overdue is a warning by default").isTrue();
      assertThat(r.warnings()).extracting(Manifest.Report.Problem::kind)
          .containsOnly(Kind.ROTATION_OVERDUE).hasSize(2);
    }
    try (Secrets strict = in("production").guards().overdueRotation(GuardOptions.Mode.REFUSE).and().build()) {
      Manifest.Report r = strict.validate(m);
      assertThat(r.isValid()).isFalse();
      assertThat(r.errors()).extracting(Manifest.Report.Problem::secretName)
          .containsExactly("stripe-api-key", "oauth-client-secret");
    }
    try (Secrets custom = in("production").guards()
        .rotationPolicy(GuardOptions.RotationPolicy.defaults().withMaxAge("api-key", Duration.ofDays(180))).and().build()) {
      assertThat(custom.validate(m).rotation().get(0).overdue()).isFalse();
    }
  }

  @Test
  void require_failsStartUp_withTheWholeReport() {
    store.put("present", "x");
    assertThatThrownBy(() -> in("staging").require(Manifest.of("present", "absent-one", "absent-two")).build())
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("absent-one").hasMessageContaining("absent-two").hasMessageContaining("staging");
    Secrets ok = in("staging").require(Manifest.of("present")).build();
    ok.close();
  }

  @Test
  void perEnvironmentExceptions_areHonoured() throws IOException {
    Path file = dir.resolve("secrets.manifest");
    Files.writeString(file, "# what the service needs\n"
        + "stripe-api-key     required\n"
        + "payments-webhook   required   except=development\n"
        + "audit-signing-key  required   only=production\n"
        + "sentry-dsn         optional\n");
    Manifest m = Manifest.parse(file);
    store.put("stripe-api-key", "x");
    try (Secrets dev = in("development").build()) {
      assertThat(dev.validate(m).isValid()).isTrue();
    }
    try (Secrets prod = in("production").build()) {
      assertThat(prod.validate(m).errors()).extracting(Manifest.Report.Problem::secretName)
          .containsExactly("payments-webhook", "audit-signing-key");
    }
  }

  @Test
  void envExample_keysAreRequired_valuesIgnored() throws IOException {
    Path file = dir.resolve(".env.example");
    Files.writeString(file, "\uFEFF# copy to .env.development\nSTRIPE_API_KEY=sk_test_...\nexport DATABASE_URL=\n\nSENDGRID_API_KEY=\n");
    assertThat(Manifest.parse(file).items()).extracting(Manifest.Item::name)
        .containsExactly("STRIPE_API_KEY", "DATABASE_URL", "SENDGRID_API_KEY");
  }

  @Test
  void malformedManifest_namesFileAndLine() throws IOException {
    Path file = dir.resolve("bad.manifest");
    Files.writeString(file, "ok required\nbroken maybe\n");
    assertThatThrownBy(() -> Manifest.parse(file)).isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("bad.manifest line 2").hasMessageContaining("'maybe'");
    Files.writeString(file, "a required\na optional\n");
    assertThatThrownBy(() -> Manifest.parse(file)).hasMessageContaining("line 2").hasMessageContaining("twice");
  }

  @Test
  void commandLine_exitCodes_zeroOneTwo() throws IOException {
    InMemorySecretSource.named("cli-store").put("present", "x");
    Path good = dir.resolve("good.manifest");
    Files.writeString(good, "present required\n");
    Path bad = dir.resolve("bad.manifest");
    Files.writeString(bad, "present required\nabsent required\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    java.util.function.Supplier<SecretsBuilder> config = () -> Secrets.builder().source("memory:cli-store");

    assertThat(Validate.run(new String[] {"--env", "staging", "--manifest", good.toString()}, o, e, config)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("staging").contains("OK");
    assertThat(Validate.run(new String[] {"--env", "staging", "--manifest", bad.toString()}, o, e, config)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("MISSING absent");
    assertThat(Validate.run(new String[] {"--env", "banana", "--manifest", good.toString()}, o, e, config)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown environment 'banana'");
    assertThat(Validate.run(new String[] {"--manifest", dir.resolve("none").toString()}, o, e, config)).isEqualTo(2);
    assertThat(Validate.run(new String[] {"--frobnicate"}, o, e, config)).isEqualTo(2);
  }

  @Test
  void reportSeverity_optionalMissingIsNotAProblem_requiredIsAnError() {
    try (Secrets s = in("development").build()) {
      Manifest.Report r = s.validate(Manifest.builder().optional("nice-to-have").required("must-have").build());
      assertThat(r.problems()).singleElement().satisfies(p -> {
        assertThat(p.secretName()).isEqualTo("must-have");
        assertThat(p.severity()).isEqualTo(Severity.ERROR);
      });
    }
  }
}
