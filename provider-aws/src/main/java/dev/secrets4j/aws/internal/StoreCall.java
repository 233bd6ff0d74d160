package dev.secrets4j.aws.internal;

/**
 * What one store call was about, for the messages of its failures.
 *
 * @param what the action, for messages: {@code reading secret 'x'}
 * @param awsId the Secrets Manager id asked for
 * @param notFoundDetail what was not found: {@code secret 'x'}, {@code version V of secret 'x'}
 * @param notFoundHint how to fix a NOT_FOUND
 * @param permission the IAM action the call needs: {@code secretsmanager:GetSecretValue}
 * @param kmsKeyId the secret's {@code KmsKeyId} when known (null: not known, or the AWS managed key)
 */
record StoreCall(String what, String awsId, String notFoundDetail, String notFoundHint, String permission,
    String kmsKeyId) {

  /** A call about {@code awsId}, its KMS key not known. */
  static StoreCall of(String what, String awsId, String notFoundDetail, String notFoundHint, String permission) {
    return new StoreCall(what, awsId, notFoundDetail, notFoundHint, permission, null);
  }

  /** This call, the secret's KMS key known to be {@code keyId}. */
  StoreCall withKmsKey(String keyId) {
    return new StoreCall(what, awsId, notFoundDetail, notFoundHint, permission, keyId);
  }
}
