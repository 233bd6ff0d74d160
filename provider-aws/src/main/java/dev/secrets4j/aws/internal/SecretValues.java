package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;

/**
 * A Secrets Manager value as a {@link SecretVersion}: {@code SecretString} as its UTF-8 bytes, {@code SecretBinary}
 * byte for byte, the {@code VersionId}, the creation date and the stage.
 */
final class SecretValues {
  private SecretValues() {}

  /**
   * The version the store answered for {@code name}.
   *
   * @throws SecretSourceException PERMANENT when the answer has no value or no version id
   */
  static SecretVersion toVersion(String name, String sourceId, String versionId, String string, SdkBytes binary,
      Instant created, List<String> stages) throws SecretSourceException {
    byte[] value;
    if (string != null) {
      value = string.getBytes(StandardCharsets.UTF_8);
    } else if (binary != null) {
      value = binary.asByteArray();
    } else {
      throw SecretSourceException.permanent(name, sourceId, "Secrets Manager returned neither SecretString nor "
          + "SecretBinary for version " + versionId, null);
    }
    if (versionId == null || versionId.isEmpty()) {
      throw SecretSourceException.permanent(name, sourceId, "Secrets Manager returned no VersionId", null);
    }
    return SecretVersion.of(versionId, value).withCreated(created).withStage(stageOf(stages));
  }

  /** {@code CURRENT}, {@code PREVIOUS} or {@code PENDING} from AWS's stage labels, in that order; else {@code OTHER}. */
  static SecretVersion.Stage stageOf(List<String> stages) {
    if (stages == null) {
      return SecretVersion.Stage.OTHER;
    }
    if (stages.contains(VersionSelection.AWSCURRENT)) {
      return SecretVersion.Stage.CURRENT;
    }
    if (stages.contains(VersionSelection.AWSPREVIOUS)) {
      return SecretVersion.Stage.PREVIOUS;
    }
    if (stages.contains(VersionSelection.AWSPENDING)) {
      return SecretVersion.Stage.PENDING;
    }
    return SecretVersion.Stage.OTHER;
  }
}
