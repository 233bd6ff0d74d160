package dev.secrets4j.oauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One token request or its result, for audit: the client, the environment, the scopes, the outcome, the token's
 * expiry and the version of the client secret used. Never the token, never the secret.
 */
public final class TokenEvent {
  /** What happened. */
  public enum Outcome {
    /** A first token was issued (nothing was cached). */
    ISSUED,
    /** A token was issued to replace one that was still cached (refresh ahead, or after it expired). */
    REFRESHED,
    /** The endpoint answered {@code invalid_client} for one version of the client secret; another is tried. */
    CLIENT_REJECTED,
    /** A refresh failed; the cached token, not yet expired, is still served until {@link #expiresAt()}. */
    STALE,
    /** A request failed and no unexpired token is held: the caller got an {@link OAuth2TokenException}. */
    FAILED
  }

  private final Instant time;
  private final String client;
  private final String clientId;
  private final String environment;
  private final String tokenUri;
  private final List<String> scopes;
  private final Outcome outcome;
  private final Instant expiresAt;
  private final String secretVersionId;
  private final Duration latency;
  private final String detail;

  TokenEvent(Instant time, String client, String clientId, String environment, String tokenUri, List<String> scopes,
      Outcome outcome, Instant expiresAt, String secretVersionId, Duration latency, String detail) {
    this.time = time;
    this.client = client;
    this.clientId = clientId;
    this.environment = environment;
    this.tokenUri = tokenUri;
    this.scopes = List.copyOf(scopes);
    this.outcome = outcome;
    this.expiresAt = expiresAt;
    this.secretVersionId = secretVersionId;
    this.latency = latency;
    this.detail = detail;
  }

  /** When it happened (the resolver's clock). */
  public Instant time() { return time; }

  /** The configured client name ({@code partner}). */
  public String client() { return client; }

  /** The OAuth2 client id, when it could be read. */
  public Optional<String> clientId() { return Optional.ofNullable(clientId); }

  /** The environment. */
  public String environment() { return environment; }

  /** The token endpoint. */
  public String tokenUri() { return tokenUri; }

  /** The scopes requested. */
  public List<String> scopes() { return scopes; }

  /** What happened. */
  public Outcome outcome() { return outcome; }

  /** The expiry of the token issued, or of the token still served ({@code STALE}). */
  public Optional<Instant> expiresAt() { return Optional.ofNullable(expiresAt); }

  /** The version id of the client secret the request used. */
  public Optional<String> secretVersionId() { return Optional.ofNullable(secretVersionId); }

  /** How long the request took. */
  public Duration latency() { return latency; }

  /** The endpoint's error code or the failure, without any value. */
  public Optional<String> detail() { return Optional.ofNullable(detail); }

  /** {@code key=value} pairs, as the SLF4J listener logs them. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("oauth2 outcome=").append(outcome)
        .append(" client=").append(client)
        .append(" client_id=").append(clientId == null ? "-" : clientId)
        .append(" env=").append(environment)
        .append(" token_uri=").append(tokenUri)
        .append(" scopes=").append(String.join(",", scopes));
    if (expiresAt != null) {
      b.append(" expires=").append(expiresAt);
    }
    if (secretVersionId != null) {
      b.append(" secret_version=").append(secretVersionId);
    }
    b.append(" latency_ms=").append(latency.toMillis());
    if (detail != null) {
      b.append(" detail=\"").append(detail).append('"');
    }
    return b.toString();
  }
}
