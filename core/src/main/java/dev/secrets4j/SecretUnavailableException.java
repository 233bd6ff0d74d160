package dev.secrets4j;

/** The secret cannot be served now: the source failed and there is no last good value, or the last good value is older than {@code maxStale}. */
public final class SecretUnavailableException extends SecretException {
  private static final long serialVersionUID = 1L;

  public SecretUnavailableException(String message) {
    super(message, null);
  }

  public SecretUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
