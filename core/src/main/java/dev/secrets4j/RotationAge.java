package dev.secrets4j;

import dev.secrets4j.spi.SecretMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The rotation-age check, written once: a secret's category and age against the policy, from its metadata. */
final class RotationAge {
  private RotationAge() {}

  /** The rotation age of {@code name} (a base name) at {@code now}, from its store metadata where there is any. */
  static Manifest.Report.Rotation of(GuardOptions.RotationPolicy policy, String reportedName, String name,
      Optional<SecretMetadata> metadata, Instant now) {
    Optional<GuardOptions.RotationPolicy.Category> category = policy.categoryOf(name,
        metadata.map(m -> m.tags().get(GuardOptions.RotationPolicy.CATEGORY_TAG)));
    Optional<Instant> since = metadata.flatMap(SecretMetadata::rotationReference);
    Duration age = since.map(t -> Duration.between(t, now)).orElse(null);
    return new Manifest.Report.Rotation(reportedName, category.map(GuardOptions.RotationPolicy.Category::name)
        .orElse(null), age, category.map(GuardOptions.RotationPolicy.Category::maxAge).orElse(null));
  }
}
