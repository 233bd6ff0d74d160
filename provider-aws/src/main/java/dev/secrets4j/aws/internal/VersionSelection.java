package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.VersionSelector;
import java.util.Set;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * How a {@link VersionSelector} becomes a {@code GetSecretValue} request: {@code CURRENT} and {@code PREVIOUS} by
 * stage label ({@code AWSCURRENT}, {@code AWSPREVIOUS}); {@code id("AWSPENDING")} and the other labels by label;
 * any other id as a {@code VersionId}.
 *
 * @param request the request to send
 * @param wanted what is read, for messages: {@code secret 'x'}, {@code version V of secret 'x'}
 * @param notFoundHint how to fix a NOT_FOUND of this selection
 */
record VersionSelection(GetSecretValueRequest request, String wanted, String notFoundHint) {
  static final String AWSCURRENT = "AWSCURRENT";
  static final String AWSPREVIOUS = "AWSPREVIOUS";
  static final String AWSPENDING = "AWSPENDING";
  private static final Set<String> STAGES = Set.of(AWSCURRENT, AWSPREVIOUS, AWSPENDING);

  /** The request for {@code selector} of the logical {@code name}, stored as {@code awsId}. */
  static VersionSelection of(String name, String awsId, VersionSelector selector, String prefix) {
    GetSecretValueRequest.Builder req = GetSecretValueRequest.builder().secretId(awsId);
    String wanted;
    switch (selector.kind()) {
      case CURRENT:
        req.versionStage(AWSCURRENT);
        wanted = "secret '" + name + "'";
        break;
      case PREVIOUS:
        req.versionStage(AWSPREVIOUS);
        wanted = "previous version (AWSPREVIOUS) of secret '" + name + "'";
        break;
      default:
        String v = selector.versionId();
        if (STAGES.contains(v)) {
          req.versionStage(v);
          wanted = "stage " + v + " of secret '" + name + "'";
        } else {
          req.versionId(v);
          wanted = "version " + v + " of secret '" + name + "'";
        }
        break;
    }
    String hint = selector.kind() == VersionSelector.Kind.CURRENT
        ? "create it there, or check the name and the prefix '" + prefix + "'"
        : "the secret or that version does not exist (AWS keeps a version only while it has a stage or is among the "
            + "latest ~100)";
    return new VersionSelection(req.build(), wanted, hint);
  }
}
