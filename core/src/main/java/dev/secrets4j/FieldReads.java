package dev.secrets4j;

import dev.secrets4j.AuditEvent.Outcome;

/**
 * Reads of one field of a JSON secret ({@code db#password}). A field that is missing, or a value that is not a
 * JSON object, is audited as the failure the caller sees ({@code NOT_FOUND} or {@code FAILED}), never as a hit.
 */
final class FieldReads {
  private FieldReads() {}

  /** The field {@code e} names, from {@code l}; a failure is audited for {@code e}'s name and rethrown. */
  static Secret read(AuditTrail audit, OwnedSecrets owned, Entry e, Loaded l, AccessContext access) {
    try {
      return l.fieldValue(e, owned);
    } catch (SecretException failure) {
      Outcome outcome = failure instanceof SecretNotFoundException ? Outcome.NOT_FOUND : Outcome.FAILED;
      audit.record(audit.event(e.name, outcome, access, l.current.versionId(), 0L, failure.getMessage()));
      throw failure;
    }
  }
}
