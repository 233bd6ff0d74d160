package dev.secrets4j.spring;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains a start-up that secrets4j stopped: what failed, the environment and why it was detected, the validation
 * report (missing, denied, refused, overdue) when there is one, and the fix. Never prints a value (the messages it
 * prints hold names, environments and source ids only).
 */
final class SecretsFailureAnalyzer implements FailureAnalyzer {

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SecretsSetupException e) {
        return analysis(e);
      }
      if (t instanceof SecretException e) {
        return new FailureAnalysis("secrets4j could not start: " + e.getMessage(),
            "Check secrets4j.properties and the spring.secrets4j.* properties (the message names the key), and the "
                + "environment: APP_ENV, -Dapp.env or spring.secrets4j.environment", e);
      }
    }
    return null;
  }

  private static FailureAnalysis analysis(SecretsSetupException e) {
    StringBuilder description = new StringBuilder("secrets4j: ").append(e.getMessage());
    Environment.Detection detection = e.detection();
    if (detection != null) {
      description.append("\n\nEnvironment: ").append(detection.environment()).append(" (why: ")
          .append(detection.reason()).append(')');
    }
    if (e.report() != null) {
      description.append("\n\n").append(e.report());
    }
    return new FailureAnalysis(description.toString(), e.action(), e);
  }
}
