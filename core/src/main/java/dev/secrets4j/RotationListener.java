package dev.secrets4j;

/**
 * Told when a secret's current version changes to a new id. Receives version ids, never values: read the
 * new value with {@link Secrets#get(String)}. Called on a resolver thread, once per version change, however it was noticed (a refresh, a load after
 * the value expired, a batch); an
 * exception it throws is logged and does not affect the resolver.
 */
@FunctionalInterface
public interface RotationListener {
  /** {@code secretName}'s current version changed from {@code previousVersionId} to {@code currentVersionId}. */
  void onRotation(String secretName, String previousVersionId, String currentVersionId);

  /**
   * The store refused {@code secretName} definitively (deleted, disabled, access or decryption refused) and the
   * revocation grace passed: version {@code versionId} is no longer served and reads now fail. Told once per
   * revocation, on a resolver thread. The default does nothing; a pool or a token cache that holds the value
   * should drop it here.
   */
  default void onRevocation(String secretName, String versionId) {}
}
