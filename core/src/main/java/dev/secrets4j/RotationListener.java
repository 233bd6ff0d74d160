package dev.secrets4j;

/**
 * Told when a secret's current version changes to a new id. Receives version ids, never values: read the
 * new value with {@link Secrets#get(String)}. Called on a resolver thread, once per version change; an
 * exception it throws is logged and does not affect the resolver.
 */
@FunctionalInterface
public interface RotationListener {
  void onRotation(String secretName, String previousVersionId, String currentVersionId);
}
