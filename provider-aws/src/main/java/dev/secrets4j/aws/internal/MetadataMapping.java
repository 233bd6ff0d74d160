package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * {@code DescribeSecret} and {@code ListSecrets} entries as {@link SecretMetadata}: dates, rotation settings (the
 * period of a days or {@code rate(...)} schedule) and tags; a tag whose key is {@code environment} in any case is
 * also exposed under {@value SecretMetadata#ENVIRONMENT_TAG}.
 */
final class MetadataMapping {
  /** A {@code rate(...)} schedule, compiled only when a secret has one. */
  private static final class Schedules {
    static final Pattern RATE = Pattern.compile("rate\\(\\s*([0-9]{1,9})\\s+(days?|hours?)\\s*\\)");

    private Schedules() {}
  }

  private MetadataMapping() {}

  static SecretMetadata metadataOf(Instant created, Instant lastChanged, Instant lastRotated, Instant nextRotation,
      Boolean rotationEnabled, RotationRulesType rules, Instant deleted, List<Tag> tags) {
    SecretMetadata.Builder b = SecretMetadata.builder()
        .created(created)
        .lastChanged(lastChanged)
        .lastRotated(lastRotated)
        .nextRotation(nextRotation)
        .rotationEnabled(rotationEnabled)
        .rotationPeriod(Boolean.FALSE.equals(rotationEnabled) ? null : rotationPeriod(rules))
        .enabled(deleted == null);
    String environment = null;
    for (Tag t : tags) {
      if (t.key() == null) {
        continue;
      }
      b.tag(t.key(), t.value());
      if (t.key().equalsIgnoreCase(SecretMetadata.ENVIRONMENT_TAG)
          && (environment == null || t.key().equals(SecretMetadata.ENVIRONMENT_TAG))) {
        environment = t.value();
      }
    }
    if (environment != null) {
      b.tag(SecretMetadata.ENVIRONMENT_TAG, environment);
    }
    return b.build();
  }

  /**
   * The fixed period of a rotation schedule: {@code AutomaticallyAfterDays}, or a {@code rate(N days)} /
   * {@code rate(N hours)} schedule expression; null for none or a {@code cron(...)} schedule.
   */
  static Duration rotationPeriod(RotationRulesType rules) {
    if (rules == null) {
      return null;
    }
    Long days = rules.automaticallyAfterDays();
    if (days != null && days > 0) {
      return Duration.ofDays(days);
    }
    String expression = rules.scheduleExpression();
    if (expression != null) {
      Matcher m = Schedules.RATE.matcher(expression.trim());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        if (n > 0 && n < 100_000) {
          return m.group(2).startsWith("day") ? Duration.ofDays(n) : Duration.ofHours(n);
        }
      }
    }
    return null;
  }
}
