package dev.secrets4j;

/**
 * The base of every exception secrets4j throws at an application. Unchecked. Messages name the secret,
 * the source and the environment where they matter, hint at the fix, and never contain a secret value.
 */
public abstract class SecretException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
