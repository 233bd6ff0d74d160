package dev.secrets4j;

/** The secret does not exist in the environment's source (or the asked version does not). */
public final class SecretNotFoundException extends SecretException {
  private static final long serialVersionUID = 1L;

  public SecretNotFoundException(String message) {
    super(message, null);
  }

  public SecretNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
