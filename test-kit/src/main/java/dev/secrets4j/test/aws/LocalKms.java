package dev.secrets4j.test.aws;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The KMS keys behind a {@link LocalSecretsManager}'s secrets, as far as reading a value needs them. Each secret is
 * encrypted under its {@code KmsKeyId} ({@link #useKey}) or, without one, under the AWS managed key
 * {@value #MANAGED_KEY}. Reading a value ({@code GetSecretValue}, a {@code BatchGetSecretValue} entry) decrypts it:
 * under a {@linkplain #disable disabled} key the store answers {@code DecryptionFailure}; when the caller may not
 * use the key ({@link #denyDecrypt}) it answers {@code AccessDeniedException} "Access to KMS is not allowed", as
 * Secrets Manager does. {@code DescribeSecret} and {@code ListSecrets} decrypt nothing and keep working. Thread-safe.
 */
public final class LocalKms {
  /** The key of secrets created without a {@code KmsKeyId}. */
  public static final String MANAGED_KEY = "alias/aws/secretsmanager";

  private final Store store;
  private final Set<String> disabled = ConcurrentHashMap.newKeySet();
  private final Set<String> denied = ConcurrentHashMap.newKeySet();

  LocalKms(Store store) {
    this.store = store;
  }

  /**
   * Encrypts {@code secretName} under {@code keyId} from now on; {@code DescribeSecret} reports it as
   * {@code KmsKeyId}.
   *
   * @throws IllegalArgumentException if there is no secret {@code secretName}
   */
  public LocalKms useKey(String secretName, String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    synchronized (store.lock) {
      store.require(secretName).kmsKeyId = keyId;
    }
    return this;
  }

  /** Disables {@code keyId} (a key id, ARN or alias, as the secret names it): its secrets cannot be decrypted. */
  public LocalKms disable(String keyId) {
    disabled.add(Objects.requireNonNull(keyId, "keyId"));
    return this;
  }

  /** Enables {@code keyId} again. */
  public LocalKms enable(String keyId) {
    disabled.remove(Objects.requireNonNull(keyId, "keyId"));
    return this;
  }

  /** The caller may no longer use {@code keyId} ({@code kms:Decrypt} refused by the key policy or IAM). */
  public LocalKms denyDecrypt(String keyId) {
    denied.add(Objects.requireNonNull(keyId, "keyId"));
    return this;
  }

  /** The caller may use {@code keyId} again. */
  public LocalKms allowDecrypt(String keyId) {
    denied.remove(Objects.requireNonNull(keyId, "keyId"));
    return this;
  }

  /** The key {@code s} is encrypted under. */
  static String keyOf(StoredSecret s) {
    return s.kmsKeyId == null ? MANAGED_KEY : s.kmsKeyId;
  }

  /** Decrypts {@code s}'s value, or fails as Secrets Manager does when its key refuses. */
  void decrypt(StoredSecret s) throws AwsError {
    String key = keyOf(s);
    if (denied.contains(key)) {
      throw new AwsError(400, "AccessDeniedException", "Access to KMS is not allowed");
    }
    if (disabled.contains(key)) {
      throw new AwsError(400, "DecryptionFailure", "Secrets Manager can't decrypt the protected secret text using "
          + "the provided KMS key.");
    }
  }

  @Override
  public String toString() {
    return "LocalKms[disabled=" + disabled + ", denied=" + denied + "]";
  }
}
