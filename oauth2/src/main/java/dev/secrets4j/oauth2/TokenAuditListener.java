package dev.secrets4j.oauth2;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a {@link TokenEvent} for every token request and refresh. Called on the thread that made the request
 * (a caller on the first fetch, the refresh thread afterwards); a listener that throws is logged and ignored, so
 * it never fails a token request. Reads of the client secret itself are audited by the resolver's
 * {@code AuditHook}s as every read is.
 */
@FunctionalInterface
public interface TokenAuditListener {

  /** Records one event. */
  void record(TokenEvent event);

  /** The default: one {@code key=value} line per event to the SLF4J logger {@code secrets4j.oauth2.audit}, at INFO. */
  static TokenAuditListener slf4j() {
    Logger log = LoggerFactory.getLogger("secrets4j.oauth2.audit");
    return event -> log.info("{}", event);
  }
}
