package dev.secrets4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
  private static String run(String env) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8), env).run();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(out).isZero();
    return out;
  }

  @Test
  void demo_showsEveryStep_onTheFileProvider() {
    String out = run(null);
    assertThat(out).contains("1. Environment").contains("development").contains("(why: ");
    assertThat(out).contains("2. Secrets").contains("stripe-api-key").contains("********")
        .contains("Secret[database-credentials#password v=");
    assertThat(out).contains("outcome=LOADED").contains("outcome=HIT");
    assertThat(out).contains("3. Rotation").containsPattern("rotation listener: stripe-api-key: \\w+… -> \\w+…")
        .contains("outcome=ROTATED");
    assertThat(out).contains("4. Guard").contains("refused: [live-credential]");
    assertThat(out).contains("5. Preflight").contains("MISSING twilio-auth-token").contains("FAILED");
  }

  @Test
  void demo_neverPrintsASecretValue() {
    String out = run(null);
    assertThat(out).doesNotContain("sk_test_DEMO").doesNotContain("dev-password-not-real")
        .doesNotContain("SG.demo").doesNotContain("sk_live_");
  }

  @Test
  void demo_inStaging_readsStagingsOwnStore() {
    String out = run("staging");
    assertThat(out).contains("staging   (why: set explicitly to 'staging')").contains("staging.env")
        .doesNotContain("source: file:" + "development");
    assertThat(out).doesNotContain("staging-password-not-real");
  }

  @Test
  void demo_inProduction_refusesToStart_withAClearReason() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8), "production").run();
    assertThat(status).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("aws-sm").contains("secrets4j-provider-aws");
  }
}
