package dev.secrets4j;

/** A guard refused a secret or a source because it crosses environments or breaks a rule (a production source in staging, a live key in development). The message names the rule, never the value. */
public final class EnvironmentViolationException extends SecretException {
  private static final long serialVersionUID = 1L;

  public EnvironmentViolationException(String message) {
    super(message, null);
  }

  public EnvironmentViolationException(String message, Throwable cause) {
    super(message, cause);
  }
}
