package dev.secrets4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guard warnings reach standard error once when SLF4J would discard them; buried names are warned. */
class SecurityWarningsTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private BooleanSupplier priorDiscarded;
  private PrintStream priorErr;

  @BeforeEach
  void capture() {
    priorDiscarded = SecurityWarnings.discarded;
    priorErr = SecurityWarnings.stderr;
    SecurityWarnings.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    SecurityWarnings.reset();
  }

  @AfterEach
  void restore() {
    SecurityWarnings.discarded = priorDiscarded;
    SecurityWarnings.stderr = priorErr;
    SecurityWarnings.reset();
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutAnSlf4jProvider_theFirstGuardWarningIsAlsoWrittenToStandardError_once() {
    SecurityWarnings.discarded = () -> true;
    for (String uri : new String[] {"memory:myappprodkv", "memory:otherprodkv"}) {
      Secrets.builder().environment("development").source(uri).build().close();
    }
    assertThat(stderr().lines().count()).isEqualTo(1);
    assertThat(stderr()).contains("no SLF4J provider").contains("slf4j-simple").contains("myappprodkv");
  }

  @Test
  void withAnSlf4jProvider_standardErrorIsLeftAlone() {
    SecurityWarnings.discarded = () -> false;
    Secrets.builder().environment("development").source("memory:myappprodkv").build().close();
    assertThat(stderr()).isEmpty();
  }

  @Test
  void environmentNameBuriedInAWord_isWarned_notRefused_andTheWarningSaysHowToSeparateIt() {
    SecurityWarnings.discarded = () -> true;
    try (Secrets s = Secrets.builder().environment("staging").source("memory:myappprodkv")
        .build()) {
      assertThat(s.sourceId()).isEqualTo("memory:myappprodkv");
    }
    assertThat(stderr()).contains("[cross-environment-source]").contains("'prod'").contains("inside 'myappprodkv'")
        .contains("myapp-prod-kv");
  }

  @Test
  void ownEnvironmentBuriedInAWord_isNotWarned() {
    SecurityWarnings.discarded = () -> true;
    Secrets.builder().environment("production").source("memory:myappprodkv").build().close();
    assertThat(stderr()).isEmpty();
  }
}
