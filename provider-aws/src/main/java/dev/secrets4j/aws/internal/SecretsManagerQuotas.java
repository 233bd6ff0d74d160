package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSource.Quota;
import java.time.Duration;
import java.util.List;

/**
 * Secrets Manager's published request quotas for the operations a source calls, per region and account
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html). {@code DescribeSecret} and
 * {@code GetSecretValue} share one quota of 10,000 a second.
 */
final class SecretsManagerQuotas {
  private static final String SCOPE = "region and account";
  static final List<Quota> PUBLISHED = List.of(
      Quota.of("GetSecretValue+DescribeSecret", 10_000, Duration.ofSeconds(1), SCOPE),
      Quota.of("BatchGetSecretValue", 100, Duration.ofSeconds(1), SCOPE),
      Quota.of("ListSecrets", 100, Duration.ofSeconds(1), SCOPE));

  private SecretsManagerQuotas() {}
}
