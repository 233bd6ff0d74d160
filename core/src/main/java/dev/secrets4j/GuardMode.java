package dev.secrets4j;

/** What a guard does when its rule is broken. */
public enum GuardMode {
  /** Refuse with {@link EnvironmentViolationException} (or the exception the guard documents). */
  REFUSE,
  /** Log a warning naming the rule and the secret, never the value, and go on. */
  WARN,
  /** Do nothing. */
  OFF
}
