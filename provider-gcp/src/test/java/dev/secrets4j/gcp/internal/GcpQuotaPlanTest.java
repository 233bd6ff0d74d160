package dev.secrets4j.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.cloud.secretmanager.v1.Secret;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.gcp.Quotas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The call plan against Secret Manager's per-project quotas: refreshes spend the access quota (90,000 a minute),
 * not the read quota (600 a minute); the metadata of many secrets is one listing; the quotas throttle as the service
 * does, with its retry hint.
 */
class GcpQuotaPlanTest extends LocalServerTest {
  GcpQuotaPlanTest() {
    super("quota-project");
  }

  private SecretSource byDefault() {
    return source("versionCheck=access");
  }

  @Test
  void byDefault_aLoneRefreshHasNoCheapCheck_soNoReadRequestIsSpent() throws Exception {
    operator.put("api-key", "v1");
    try (SecretSource s = byDefault()) {
      server.resetCalls();
      assertThat(s.currentVersionId("api-key")).isEmpty();
      assertThat(s.fetch("api-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("v1");
      assertThat(server.calls("GetSecretVersion")).isZero();
      assertThat(server.calls("AccessSecretVersion")).isEqualTo(1);
    }
  }

  @Test
  void versionCheckMetadata_keepsTheGetSecretVersionCheck() throws Exception {
    operator.put("api-key", "v1");
    try (SecretSource s = source("versionCheck=metadata")) {
      assertThat(s.currentVersionId("api-key")).contains("1");
      assertThat(server.calls("GetSecretVersion")).isEqualTo(1);
    }
  }

  @Test
  void theMetadataOfManySecrets_isOneListSecretsCall_withTheirLabels() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      names.add("s" + i);
      operator.create("s" + i, Secret.newBuilder().putLabels("environment", "development").build());
      operator.put("s" + i, "v" + i);
    }
    try (SecretSource s = byDefault()) {
      server.resetCalls();
      Map<String, SecretMetadata> md = s.metadataAll(names);
      assertThat(md).hasSize(30);
      assertThat(md.get("s7").environmentTag()).contains("development");
      assertThat(md.get("s7").rotationReference()).as("no latest-version date in a listing").isEmpty();
      assertThat(server.calls("ListSecrets")).isEqualTo(1);
      assertThat(server.calls("GetSecret") + server.calls("GetSecretVersion")).isZero();
    }
  }

  @Test
  void overTheReadQuota_aMetadataReadIsTransient_withTheRetryHintToTheNextMinute() throws Exception {
    operator.put("api-key", "v1");
    server.quotas().limit(Quotas.READ, 0);
    try (SecretSource s = byDefault()) {
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class, () -> s.metadata("api-key"));
      assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
      assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ZERO,
          Duration.ofMinutes(1)));
      assertThat(s.fetch("api-key", VersionSelector.CURRENT).valueAsString()).as("the access quota is apart")
          .isEqualTo("v1");
      assertThat(server.quotas().throttled(Quotas.READ)).isPositive();
    }
  }

  @Test
  void publishedQuotas_areThePerProjectAccessAndReadQuotas() {
    assertThat(byDefault().publishedQuotas()).extracting(q -> q.requests() + "/" + q.per())
        .containsExactly("90000/PT1M", "600/PT1M");
  }
}
