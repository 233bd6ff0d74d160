package dev.secrets4j.oauth2;

/**
 * No usable access token: the message names the client, the environment and the token endpoint, says why, and
 * hints the fix. Never a token or a client secret. Unchecked.
 */
public final class OAuth2TokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why there is no token. */
  public enum Reason {
    /** The token endpoint could not be reached or answered with a server error, and no unexpired token is held. */
    ENDPOINT_UNAVAILABLE,
    /** The endpoint answered {@code invalid_client} for every version of the client secret. */
    CLIENT_REJECTED,
    /** The endpoint refused the request otherwise ({@code invalid_scope}, {@code unauthorized_client}, …). */
    REQUEST_REFUSED,
    /** The client id or secret could not be read from the resolver (missing, refused by a guard, store down). */
    CLIENT_SECRET_UNAVAILABLE
  }

  private final transient Reason reason;
  private final String clientId;
  private final String environment;

  OAuth2TokenException(Reason reason, String clientId, String environment, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.clientId = clientId;
    this.environment = environment;
  }

  /** Why there is no token. */
  public Reason reason() {
    return reason;
  }

  /** The client id, or the configured client name when the id itself could not be read. */
  public String clientId() {
    return clientId;
  }

  /** The environment the token was for. */
  public String environment() {
    return environment;
  }
}
