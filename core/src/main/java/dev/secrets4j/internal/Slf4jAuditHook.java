package dev.secrets4j.internal;

import dev.secrets4j.AuditEvent;
import dev.secrets4j.AuditHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one key=value line per event to logger {@code secrets4j.audit}. */
public final class Slf4jAuditHook implements AuditHook {
  public static final Slf4jAuditHook INSTANCE = new Slf4jAuditHook();
  private static final Logger LOG = LoggerFactory.getLogger("secrets4j.audit");

  private Slf4jAuditHook() {}

  @Override
  public void record(AuditEvent event) {
    if (event.outcome() == AuditEvent.Outcome.FAILED || event.outcome() == AuditEvent.Outcome.DENIED) {
      LOG.warn("{}", event);
    } else {
      LOG.info("{}", event);
    }
  }

  @Override
  public void dropped(long count) {
    LOG.warn("dropped={} reason=\"audit queue full\"", count);
  }

  @Override
  public String toString() {
    return "AuditHook.slf4j()";
  }
}
