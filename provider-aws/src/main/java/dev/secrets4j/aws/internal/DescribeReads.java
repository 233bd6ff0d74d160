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
 * id and the metadata. A secret scheduled for deletion ({@code DeletedDate}) is a PERMANENT failure on both paths,
 * never its old version id. The version id is offered as the refresh's cheap check only with
 * {@code versionCheck=describe}, and then only while the secret's value was read successfully within
 * {@code confirmEvery} ({@link ValueConfirmations}): {@code DescribeSecret} does not prove that the caller may still
 * call {@code GetSecretValue} or decrypt with the KMS key, so the value read must prove it again. A caller without
 * {@code secretsmanager:DescribeSecret} loses these extras, not the reads: the first refusal is warned once, and
 * from then on both answer empty.
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
    Objects.requireNonNull(name, "name");
    if (calls.settings.versionCheck() != AwsSourceSettings.VersionCheck.DESCRIBE
        || !calls.confirmations.fresh(name)) {
      calls.checkOpen(name);
      return Optional.empty(); // the resolver reads the value, which proves GetSecretValue and kms:Decrypt
    }
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
      DescribeSecretResponse r = describe(name);
      if (r.deletedDate() != null) {
        calls.confirmations.forget(name);
        throw AwsErrors.scheduledForDeletion(name, calls.secretId(name), r.deletedDate(), calls.settings);
      }
      return Optional.of(r);
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
      throw AwsErrors.map(e, StoreCall.of("describing " + wanted, awsId, wanted, "create it there, or check the "
          + "name and the prefix '" + calls.settings.prefix() + "'", "secretsmanager:DescribeSecret"),
          calls.settings);
    }
  }

  /**
   * The secret's {@code KmsKeyId} for a message about its key, or null when it has none (the AWS managed key) or
   * cannot be described. Never throws: it only improves a message.
   */
  String kmsKeyIdQuietly(String name) {
    if (describeDenied) {
      return null;
    }
    try {
      return calls.client.describeSecret(r -> r.secretId(calls.secretId(name))).kmsKeyId();
    } catch (RuntimeException e) {
      LOG.debug("could not learn the KMS key of secret '{}' from {}: {}", name, calls.id(), e.getClass().getName());
      return null;
    }
  }
}
