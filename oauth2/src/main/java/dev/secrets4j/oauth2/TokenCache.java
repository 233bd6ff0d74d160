package dev.secrets4j.oauth2;

import dev.secrets4j.Secrets.Ticker;
import dev.secrets4j.oauth2.TokenFetch.Fetched;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cached token: a hit takes no lock; once {@code refreshFraction} (±10%) of its lifetime has passed, the next
 * read starts one refresh on the executor and still returns the cached token. Without a usable token, callers
 * share one fetch (single flight). A failed refresh keeps serving the token until its own expiry, retrying with
 * backoff (1 s doubling to 60 s); an expired token is never returned.
 */
final class TokenCache {
  private static final Logger LOG = LoggerFactory.getLogger(OAuth2Tokens.class);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /** The token and when to refresh it; replaced whole, never changed. */
  private record Held(Fetched fetched, long refreshTick) {}

  private final ClientConfig config;
  private final TokenFetch fetch;
  private final TokenAudit audit;
  private final Ticker ticker;
  private final Executor executor;
  private final Object lock = new Object();

  private volatile Held held;
  private CompletableFuture<Fetched> inFlight; // guarded by lock
  private Duration backoff = FIRST_BACKOFF; // written by the one fetch in flight

  TokenCache(ClientConfig config, TokenFetch fetch, TokenAudit audit, Ticker ticker, Executor executor) {
    this.config = config;
    this.fetch = fetch;
    this.audit = audit;
    this.ticker = ticker;
    this.executor = executor;
  }

  AccessToken token() {
    Held h = held;
    long now = ticker.read();
    if (h != null && now - h.fetched.expiresTick() < 0) {
      if (now - h.refreshTick >= 0) {
        refreshInBackground();
      }
      return h.fetched.token();
    }
    return await();
  }

  /** Forgets {@code token} if it is the cached one (the API refused it), so the next read fetches another. */
  void invalidate(AccessToken token) {
    synchronized (lock) {
      Held h = held;
      if (h != null && h.fetched.token() == token) {
        held = null;
      }
    }
  }

  private AccessToken await() {
    CompletableFuture<Fetched> f;
    boolean mine = false;
    synchronized (lock) {
      if (inFlight == null) {
        inFlight = new CompletableFuture<>();
        mine = true;
      }
      f = inFlight;
    }
    if (mine) {
      run(f);
    }
    Fetched fetched;
    try {
      fetched = f.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof OAuth2TokenException ote ? ote : e;
    }
    if (ticker.read() - fetched.expiresTick() >= 0) {
      throw new OAuth2TokenException(OAuth2TokenException.Reason.ENDPOINT_UNAVAILABLE, fetched.token().clientId(),
          config.environment(), "the access token of " + config.describe() + " expired at "
              + fetched.token().expiresAt() + " before a new one could be fetched", null);
    }
    return fetched.token();
  }

  private void refreshInBackground() {
    CompletableFuture<Fetched> f;
    synchronized (lock) {
      if (inFlight != null) {
        return;
      }
      f = new CompletableFuture<>();
      inFlight = f;
    }
    try {
      executor.execute(() -> run(f));
    } catch (RejectedExecutionException e) {
      synchronized (lock) {
        inFlight = null;
      }
      f.cancel(false);
      LOG.warn("token refresh of {} not started: the executor refused it ({})", config.describe(), e.toString());
    }
  }

  private void run(CompletableFuture<Fetched> f) {
    Held before = held;
    try {
      Fetched fresh = fetch.fetch(before != null);
      backoff = FIRST_BACKOFF;
      held = new Held(fresh, fresh.requestedTick() + refreshDelay(fresh.lifetimeNanos()));
      f.complete(fresh);
    } catch (OAuth2TokenException e) {
      failed(f, before, e);
    } catch (RuntimeException | Error e) {
      f.completeExceptionally(e);
      throw e;
    } finally {
      synchronized (lock) {
        if (inFlight == f) {
          inFlight = null;
        }
      }
    }
  }

  private void failed(CompletableFuture<Fetched> f, Held before, OAuth2TokenException e) {
    long now = ticker.read();
    if (before != null && held == before && now - before.fetched.expiresTick() < 0) {
      long retry = Math.min(backoff.toNanos(), before.fetched.expiresTick() - now);
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      held = new Held(before.fetched, now + retry);
      audit.record(TokenEvent.Outcome.STALE, e.clientId(), null, before.fetched.token().expiresAt(), Duration.ZERO,
          e.reason() + ": " + e.getMessage());
      LOG.warn("token refresh failed; serving the cached token of {} until it expires at {}: {}",
          config.describe(), before.fetched.token().expiresAt(), e.getMessage());
      f.complete(before.fetched);
    } else {
      audit.record(TokenEvent.Outcome.FAILED, e.clientId(), null, null, Duration.ZERO,
          e.reason() + ": " + e.getMessage());
      f.completeExceptionally(e);
    }
  }

  /** {@code refreshFraction} of the lifetime, jittered by ±10% of itself so a fleet does not refresh in step. */
  private long refreshDelay(long lifetimeNanos) {
    double jitter = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
    return (long) (lifetimeNanos * config.refreshFraction() * jitter);
  }
}
