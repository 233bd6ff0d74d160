package dev.secrets4j.azure.internal;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bounds token acquisition: a credential that has not produced a token within {@code timeout} fails with
 * {@link TokenUnavailable} ({@code TRANSIENT}), so a slow identity endpoint cannot hold a read indefinitely. Every
 * other failure of the credential also becomes a {@link TokenUnavailable}, classified by {@link TokenFailures}
 * (an outage of the identity endpoint is transient, a refusal is access denied), with the original attached as
 * suppressed (not as cause), so the SDK's retry rule, which looks for I/O failures along the cause chain, never
 * retries a token failure.
 */
final class TimeBoundCredential implements TokenCredential {
  private final TokenCredential delegate;
  private final Duration timeout;

  TimeBoundCredential(TokenCredential delegate, Duration timeout) {
    this.delegate = delegate;
    this.timeout = timeout;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.defer(() -> delegate.getToken(request))
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(timeout)
        .switchIfEmpty(Mono.error(() -> new TokenUnavailable(Kind.ACCESS_DENIED,
            "the credential " + delegate.getClass().getSimpleName() + " returned no access token", null)))
        .onErrorMap(e -> !(e instanceof TokenUnavailable), this::wrap);
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    return getToken(request).block();
  }

  private TokenUnavailable wrap(Throwable e) {
    String credential = "the credential " + delegate.getClass().getSimpleName();
    if (e instanceof TimeoutException) {
      return new TokenUnavailable(Kind.TRANSIENT, credential + " produced no access token within " + timeout
          + " (tokenTimeout); the identity endpoint is slow or unreachable", e);
    }
    TokenFailures.Verdict v = TokenFailures.classify(e);
    return new TokenUnavailable(v.kind(), credential + " could not get an access token: " + v.reason(), e);
  }

  @Override
  public String toString() {
    return "TimeBoundCredential[" + delegate.getClass().getSimpleName() + ", " + timeout + "]";
  }

  /** The credential gave no token; {@link #kind()} says whether trying again later can help. */
  static final class TokenUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Kind kind;

    TokenUnavailable(Kind kind, String message, Throwable original) {
      super(message);
      this.kind = kind;
      if (original != null) {
        addSuppressed(original);
      }
    }

    Kind kind() {
      return kind;
    }
  }
}
