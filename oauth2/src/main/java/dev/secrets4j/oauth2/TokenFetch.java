package dev.secrets4j.oauth2;

import dev.secrets4j.Secrets.Ticker;
import dev.secrets4j.oauth2.ClientCredentials.Credential;
import dev.secrets4j.oauth2.TokenEndpoint.EndpointException;
import dev.secrets4j.oauth2.TokenEndpoint.Failure;
import dev.secrets4j.oauth2.TokenEndpoint.Issued;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One token fetch: the current client secret; on {@code invalid_client} the secret reloaded once and the other
 * versions tried (the rotation overlap); then a clear error. Every request is audited.
 */
final class TokenFetch {
  /** When a token answer has no {@code expires_in}: assume this lifetime. */
  static final long DEFAULT_LIFETIME_SECONDS = 300;

  /** A token and the ticks it was requested at and expires at. */
  record Fetched(AccessToken token, long requestedTick, long lifetimeNanos) {
    long expiresTick() {
      return requestedTick + lifetimeNanos;
    }
  }

  private final ClientConfig config;
  private final ClientCredentials credentials;
  private final TokenEndpoint endpoint;
  private final TokenAudit audit;
  private final Ticker ticker;
  private final Clock clock;

  TokenFetch(ClientConfig config, ClientCredentials credentials, TokenEndpoint endpoint, TokenAudit audit,
      Ticker ticker, Clock clock) {
    this.config = config;
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.audit = audit;
    this.ticker = ticker;
    this.clock = clock;
  }

  /**
   * Fetches a token.
   *
   * @param replacing whether a token is cached (the event is {@code REFRESHED}, else {@code ISSUED})
   * @throws OAuth2TokenException when no token could be had
   */
  Fetched fetch(boolean replacing) {
    Credential credential = credentials.current();
    try {
      return attempt(credential, replacing);
    } catch (EndpointException e) {
      if (e.failure != Failure.INVALID_CLIENT) {
        throw failure(e, credential);
      }
    }
    List<Credential> others = credentials.afterRejection(credential);
    for (Credential other : others) {
      try {
        return attempt(other, replacing);
      } catch (EndpointException e) {
        if (e.failure != Failure.INVALID_CLIENT) {
          throw failure(e, other);
        }
      }
    }
    int tried = 1 + others.size();
    throw new OAuth2TokenException(OAuth2TokenException.Reason.CLIENT_REJECTED, credential.clientId,
        config.environment(), "the token endpoint refused client '" + credential.clientId + "' of "
            + config.describe() + " with invalid_client for " + (tried == 1 ? "the only version" : "all " + tried
            + " versions") + " of secret '" + config.secretName() + "', after reloading it from the " + config
            .environment() + " store: make the store's current client secret the one the authorization server "
            + "has for this client in " + config.environment() + " (finish or roll back the rotation)", null);
  }

  private Fetched attempt(Credential credential, boolean replacing) throws EndpointException {
    long start = ticker.read();
    Instant startTime = clock.instant();
    Issued issued;
    try {
      issued = endpoint.request(credential);
    } catch (EndpointException e) {
      if (e.failure == Failure.INVALID_CLIENT) {
        audit.record(TokenEvent.Outcome.CLIENT_REJECTED, credential.clientId, credential.versionId, null,
            Duration.ofNanos(ticker.read() - start), e.getMessage());
      }
      throw e; // any other failure is audited once, by the cache, as STALE or FAILED
    }
    long lifetime = issued.lifetimeSeconds() > 0 ? issued.lifetimeSeconds() : DEFAULT_LIFETIME_SECONDS;
    AccessToken token = AccessToken.of(issued.value(), credential.clientId, issued.scopes(),
        startTime.plusSeconds(lifetime));
    audit.record(replacing ? TokenEvent.Outcome.REFRESHED : TokenEvent.Outcome.ISSUED, credential.clientId,
        credential.versionId, token.expiresAt(), Duration.ofNanos(ticker.read() - start), null);
    return new Fetched(token, start, Duration.ofSeconds(lifetime).toNanos());
  }

  private OAuth2TokenException failure(EndpointException e, Credential credential) {
    boolean down = e.failure == Failure.UNAVAILABLE;
    return new OAuth2TokenException(down ? OAuth2TokenException.Reason.ENDPOINT_UNAVAILABLE
        : OAuth2TokenException.Reason.REQUEST_REFUSED, credential.clientId, config.environment(),
        "no access token for client '" + credential.clientId + "' of " + config.describe() + ": " + e.getMessage()
            + (down ? "; check that the endpoint is up and reachable from this host"
                : "; check the client's scopes, audience and grants at the authorization server"),
        e.getCause());
  }
}
