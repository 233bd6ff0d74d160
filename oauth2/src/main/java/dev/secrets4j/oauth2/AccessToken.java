package dev.secrets4j.oauth2;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One access token from a token endpoint, as {@link OAuth2Tokens#token()} hands it out. A value type that never
 * prints the token: {@link #toString()} names the client, the scopes and the expiry only. Not {@code Serializable};
 * equal only to itself.
 */
public final class AccessToken {
  private final String value;
  private final String clientId;
  private final List<String> scopes;
  private final Instant expiresAt;

  private AccessToken(String value, String clientId, List<String> scopes, Instant expiresAt) {
    this.value = value;
    this.clientId = clientId;
    this.scopes = List.copyOf(scopes);
    this.expiresAt = expiresAt;
  }

  /**
   * A token (for tests of code that takes one).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public static AccessToken of(String value, String clientId, List<String> scopes, Instant expiresAt) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("an access token cannot be empty");
    }
    return new AccessToken(value, Objects.requireNonNull(clientId, "clientId"),
        Objects.requireNonNull(scopes, "scopes"), Objects.requireNonNull(expiresAt, "expiresAt"));
  }

  /** The token itself, to send to the API it is for. Never log it. */
  public String asString() {
    return value;
  }

  /** {@code Bearer <token>}: the value of an {@code Authorization} header. Never log it. */
  public String authorizationHeader() {
    return "Bearer " + value;
  }

  /** The client the token was issued to. */
  public String clientId() {
    return clientId;
  }

  /** The scopes granted: the endpoint's {@code scope} answer, else the scopes requested. */
  public List<String> scopes() {
    return scopes;
  }

  /** When the token expires: the time it was received plus {@code expires_in}. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** {@code true} from {@link #expiresAt()} on. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** {@code AccessToken[client=… scopes=[…] expires=…]}: never the token. */
  @Override
  public String toString() {
    return "AccessToken[client=" + clientId + " scopes=" + scopes + " expires=" + expiresAt + "]";
  }
}
