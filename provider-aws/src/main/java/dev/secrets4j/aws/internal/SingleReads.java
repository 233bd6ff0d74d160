package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** One secret's value with {@code GetSecretValue}, by stage or by version id ({@link VersionSelection}). */
final class SingleReads {
  private final SecretsManagerCalls calls;
  private final DescribeReads describe;

  SingleReads(SecretsManagerCalls calls, DescribeReads describe) {
    this.calls = calls;
    this.describe = describe;
  }

  /**
   * The version of {@code name} that {@code selector} picks.
   *
   * @throws SecretSourceException with the kind of the store's answer ({@link AwsErrors})
   */
  SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(selector, "selector");
    calls.checkOpen(name);
    String awsId = calls.secretId(name);
    VersionSelection selection = VersionSelection.of(name, awsId, selector, calls.settings.prefix());
    boolean current = selector.kind() == VersionSelector.Kind.CURRENT;
    GetSecretValueResponse r;
    try {
      r = calls.client.getSecretValue(selection.request());
    } catch (SdkException e) {
      StoreCall call = StoreCall.of("reading " + selection.wanted(), awsId, selection.wanted(),
          selection.notFoundHint(), "secretsmanager:GetSecretValue");
      if (AwsErrors.isKeyFailure(e)) {
        call = call.withKmsKey(describe.kmsKeyIdQuietly(name));
      }
      SecretSourceException mapped = AwsErrors.map(e, call, calls.settings);
      if (current) {
        calls.confirmations.forget(name);
      }
      throw mapped;
    }
    SecretVersion v = calls.noteReplica(SecretValues.toVersion(name, calls.id(), r.versionId(), r.secretString(),
        r.secretBinary(), r.createdDate(), r.versionStages()));
    if (current) {
      calls.confirmations.confirmed(name);
    }
    return v;
  }
}
