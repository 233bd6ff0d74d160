package dev.secrets4j.azure.internal;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bounds token acquisition: a credential that has not produced a token within {@code timeout} fails with
 * {@link TokenUnavailable} (timed out), so a slow identity endpoint cannot hold a read indefinitely. Every other
 * failure of the credential also becomes a {@link TokenUnavailable}, with the original attached as suppressed
 * (not as cause), so the SDK's retry rule, which looks for I/O failures along the cause chain, never retries
 * a token failure.
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
        .switchIfEmpty(Mono.error(() -> new TokenUnavailable(false,
            "the credential " + delegate.getClass().getSimpleName() + " returned no access token", null)))
        .onErrorMap(e -> !(e instanceof TokenUnavailable), this::wrap);
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    return getToken(request).block();
  }

  private TokenUnavailable wrap(Throwable e) {
    String credential = delegate.getClass().getSimpleName();
    if (e instanceof TimeoutException) {
      return new TokenUnavailable(true, "the credential " + credential + " produced no access token within "
          + timeout + " (tokenTimeout)", e);
    }
    String why = e.getMessage() == null ? e.getClass().getName() : firstLine(e.getMessage());
    return new TokenUnavailable(false, "the credential " + credential + " could not get an access token: " + why, e);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }

  @Override
  public String toString() {
    return "TimeBoundCredential[" + delegate.getClass().getSimpleName() + ", " + timeout + "]";
  }

  /** The credential gave no token: it failed, or it timed out. */
  static final class TokenUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean timedOut;

    TokenUnavailable(boolean timedOut, String message, Throwable original) {
      super(message);
      this.timedOut = timedOut;
      if (original != null) {
        addSuppressed(original);
      }
    }

    boolean timedOut() {
      return timedOut;
    }
  }
}
