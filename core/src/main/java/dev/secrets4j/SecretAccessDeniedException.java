package dev.secrets4j;

/** The read was denied: the store refused the credentials, a required access context was missing, or a fail-closed audit hook failed. */
public final class SecretAccessDeniedException extends SecretException {
  private static final long serialVersionUID = 1L;

  public SecretAccessDeniedException(String message) {
    super(message, null);
  }

  public SecretAccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
