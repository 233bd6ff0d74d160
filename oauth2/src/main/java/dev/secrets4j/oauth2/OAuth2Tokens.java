package dev.secrets4j.oauth2;

import dev.secrets4j.Secrets;
import java.net.http.HttpRequest;
import java.util.concurrent.ExecutorService;

/**
 * OAuth2 client-credentials access tokens for one client in the environment the resolver serves. Thread-safe;
 * build one per client and share it.
 *
 * <p>Semantics (defaults in {@link OAuth2TokensBuilder}):
 * <ul>
 *   <li>The client id and secret are read through the resolver, so its cache, audit and guards apply: a client
 *       secret from another environment's store is refused before any token request. Only this environment's
 *       token endpoint, scopes and audience are used; there is no fallback to another environment's.</li>
 *   <li>A cached token is returned without I/O or lock. Once a jittered fraction of {@code expires_in} has passed
 *       (75% ±10%), the next call starts a refresh in the background and still returns the cached token: once
 *       warm, callers never wait. A service idle for longer than a token's remaining lifetime fetches on its next
 *       call.</li>
 *   <li>Any number of threads without a usable token share one token request.</li>
 *   <li>A refresh that fails keeps the cached token until its own expiry, retried with backoff (1 s doubling to
 *       60 s); an expired token is never returned.</li>
 *   <li>Each token request reads the current client secret (a cache hit), so a rotated secret is used from the
 *       resolver's next refresh on. An {@code invalid_client} answer reloads the secret once and tries every other
 *       version the store keeps (current, then previous), then fails with {@link OAuth2TokenException} naming the
 *       client and the environment.</li>
 *   <li>Every token request and refresh is a {@link TokenEvent} for the {@link TokenAuditListener}s.</li>
 * </ul>
 */
public final class OAuth2Tokens implements AutoCloseable {
  private final ClientConfig config;
  private final TokenCache cache;
  private final ExecutorService ownedExecutor;

  OAuth2Tokens(ClientConfig config, TokenCache cache, ExecutorService ownedExecutor) {
    this.config = config;
    this.cache = cache;
    this.ownedExecutor = ownedExecutor;
  }

  /**
   * A builder for the client {@code client} (a name for configuration keys and messages: {@code partner}).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code client} is blank
   */
  public static OAuth2TokensBuilder builder(Secrets secrets, String client) {
    return new OAuth2TokensBuilder(secrets, client);
  }

  /**
   * A current access token: the cached one while it is fresh, else a new one.
   *
   * @throws OAuth2TokenException when no unexpired token can be had: the endpoint is down or refuses the request,
   *     every version of the client secret is rejected, or the client secret cannot be read
   */
  public AccessToken token() {
    return cache.token();
  }

  /**
   * Forgets {@code token} if it is the cached one, so that the next {@link #token()} fetches a new token: call it
   * when the API the token is for answers 401. A token not cached any more is ignored.
   *
   * @throws NullPointerException if {@code token} is null
   */
  public void invalidate(AccessToken token) {
    cache.invalidate(java.util.Objects.requireNonNull(token, "token"));
  }

  /**
   * Sets {@code Authorization: Bearer <token>} on {@code request} with a current token, and returns it.
   *
   * @throws OAuth2TokenException as {@link #token()}
   * @throws NullPointerException if {@code request} is null
   */
  public HttpRequest.Builder authorize(HttpRequest.Builder request) {
    java.util.Objects.requireNonNull(request, "request");
    return request.setHeader("Authorization", token().authorizationHeader());
  }

  /** The environment this client's tokens are for. */
  public String environment() {
    return config.environment();
  }

  /** Stops the refresh thread this instance owns (none when an executor was given). */
  @Override
  public void close() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  /** {@code OAuth2Tokens[client 'partner' in staging (token endpoint …)]}: never a token or secret. */
  @Override
  public String toString() {
    return "OAuth2Tokens[" + config.describe() + "]";
  }
}
