package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * What {@code DescribeSecret} tells without sending a value or decrypting anything: the {@code AWSCURRENT} version
 * id and the metadata. A caller without {@code secretsmanager:DescribeSecret} loses these extras, not the reads:
 * the first refusal is warned once, and from then on both answer empty.
 */
final class DescribeReads {
  private static final Logger LOG = LoggerFactory.getLogger(DescribeReads.class);

  private final SecretsManagerCalls calls;
  private volatile boolean describeDenied;

  DescribeReads(SecretsManagerCalls calls) {
    this.calls = calls;
  }

  /**
   * The id of the version holding {@code AWSCURRENT}; empty when the caller may not call {@code DescribeSecret}.
   *
   * @throws SecretSourceException NOT_FOUND when no version holds {@code AWSCURRENT}; the store's kind otherwise
   */
  Optional<String> currentVersionId(String name) throws SecretSourceException {
    Optional<DescribeSecretResponse> described = describeUnlessDenied(name);
    if (described.isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<String, List<String>> e : described.get().versionIdsToStages().entrySet()) {
      if (e.getValue() != null && e.getValue().contains(VersionSelection.AWSCURRENT)) {
        return Optional.of(e.getKey());
      }
    }
    throw new SecretSourceException(Kind.NOT_FOUND, "secret '" + name + "' has no current value in " + calls.id()
        + " (Secrets Manager id '" + calls.secretId(name) + "' has no version with stage AWSCURRENT); put a value");
  }

  /**
   * The metadata of {@code name}; empty when the caller may not call {@code DescribeSecret}.
   *
   * @throws SecretSourceException with the kind of the store's answer
   */
  Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    Optional<DescribeSecretResponse> described = describeUnlessDenied(name);
    if (described.isEmpty()) {
      return Optional.empty();
    }
    DescribeSecretResponse r = described.get();
    return Optional.of(MetadataMapping.metadataOf(r.createdDate(), r.lastChangedDate(), r.lastRotatedDate(),
        r.nextRotationDate(), r.rotationEnabled(), r.rotationRules(), r.deletedDate(), r.tags()));
  }

  private Optional<DescribeSecretResponse> describeUnlessDenied(String name) throws SecretSourceException {
    if (describeDenied) {
      calls.checkOpen(name);
      return Optional.empty();
    }
    try {
      return Optional.of(describe(name));
    } catch (SecretSourceException e) {
      if (e.kind() != Kind.ACCESS_DENIED) {
        throw e;
      }
      if (!describeDenied) {
        describeDenied = true;
        LOG.warn("{} may not call DescribeSecret, so refreshes read whole values and secrets have no metadata "
            + "(the environment-tag and rotation-age guards see none); allow secretsmanager:DescribeSecret to "
            + "restore them. First refusal: {}", calls.id(), e.getMessage());
      }
      return Optional.empty();
    }
  }

  private DescribeSecretResponse describe(String name) throws SecretSourceException {
    Objects.requireNonNull(name, "name");
    calls.checkOpen(name);
    String awsId = calls.secretId(name);
    try {
      return calls.client.describeSecret(r -> r.secretId(awsId));
    } catch (SdkException e) {
      String wanted = "secret '" + name + "'";
      throw AwsErrors.map(e, "describing " + wanted, awsId, calls.settings, wanted,
          "create it there, or check the name and the prefix '" + calls.settings.prefix() + "'",
          "secretsmanager:DescribeSecret");
    }
  }
}
