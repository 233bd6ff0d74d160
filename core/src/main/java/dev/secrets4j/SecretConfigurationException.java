package dev.secrets4j;

/** The configuration is wrong: an unknown environment, scheme, key or parameter, a malformed file. The message names the file, key or value at fault and the valid choices. */
public final class SecretConfigurationException extends SecretException {
  private static final long serialVersionUID = 1L;

  public SecretConfigurationException(String message) {
    super(message, null);
  }

  public SecretConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
