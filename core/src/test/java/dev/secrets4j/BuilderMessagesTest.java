package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BuilderMessagesTest {
  @Test
  void sourceSetTwice_doesNotPrintTheUri_whichMayCarryACredential() {
    SecretsBuilder b = Secrets.builder().source("staging", "vault://h?token=s3cr3t-value");

    assertThatThrownBy(() -> b.source("staging", "vault://h?token=other"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("source for staging was already set")
        .hasMessageNotContaining("s3cr3t-value");
  }

  @Test
  void fingerprintKeySetTwice_doesNotPrintTheKey() {
    SecretsBuilder b = Secrets.builder().auditFingerprintKey("0123456789abcdef".getBytes());

    assertThatThrownBy(() -> b.auditFingerprintKey("0123456789abcdef".getBytes()))
        .isInstanceOf(IllegalStateException.class).hasMessage("auditFingerprintKey was already set to a key");
  }
}
