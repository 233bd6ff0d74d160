package dev.secrets4j.spring;

import dev.secrets4j.Environment;
import dev.secrets4j.Manifest;

/**
 * Start-up or lookup failure of the integration, carrying what the failure analyzer prints: the environment with
 * the reason it was detected, the validation report when there is one, and the fix. Never a value.
 */
final class SecretsSetupException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Environment.Detection detection;
  private final transient Manifest.Report report;
  private final String action;

  SecretsSetupException(String message, Environment.Detection detection, Manifest.Report report, String action,
      Throwable cause) {
    super(message, cause);
    this.detection = detection;
    this.report = report;
    this.action = action;
  }

  /** The detected environment and why, or null when detection itself failed. */
  Environment.Detection detection() {
    return detection;
  }

  /** The validation report, or null when the failure is not a validation. */
  Manifest.Report report() {
    return report;
  }

  String action() {
    return action;
  }
}
