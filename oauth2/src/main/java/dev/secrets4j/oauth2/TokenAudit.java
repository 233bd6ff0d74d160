package dev.secrets4j.oauth2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds {@link TokenEvent}s for one client and hands them to the listeners; a listener that throws is logged. */
final class TokenAudit {
  private static final Logger LOG = LoggerFactory.getLogger(OAuth2Tokens.class);

  private final ClientConfig config;
  private final Clock clock;
  private final List<TokenAuditListener> listeners;

  TokenAudit(ClientConfig config, Clock clock, List<TokenAuditListener> listeners) {
    this.config = config;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
  }

  void record(TokenEvent.Outcome outcome, String clientId, String secretVersionId, Instant expiresAt,
      Duration latency, String detail) {
    TokenEvent event = new TokenEvent(clock.instant(), config.client(), clientId, config.environment(),
        config.tokenUri().toString(), config.scopes(), outcome, expiresAt, secretVersionId, latency, detail);
    for (TokenAuditListener listener : listeners) {
      try {
        listener.record(event);
      } catch (RuntimeException e) {
        LOG.warn("token audit listener {} failed on a {} event of client '{}': {}", listener.getClass().getName(),
            outcome, config.client(), e.toString());
      }
    }
  }
}
