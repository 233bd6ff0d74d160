package dev.secrets4j;

import java.util.Objects;

/** The detected environment and the reason it was chosen: {@code APP_ENV=prod}, {@code hostname token 'stg'}, {@code default}. */
public final class EnvironmentDetection {
  private final Environment environment;
  private final String reason;

  private EnvironmentDetection(Environment environment, String reason) {
    this.environment = environment;
    this.reason = reason;
  }

  /** A detection result. */
  public static EnvironmentDetection of(Environment environment, String reason) {
    return new EnvironmentDetection(Objects.requireNonNull(environment, "environment"),
        Objects.requireNonNull(reason, "reason"));
  }

  public Environment environment() {
    return environment;
  }

  /** Why: {@code builder}, {@code system property app.env=prod}, {@code APP_ENV=prod}, {@code hostname token 'stg' in 'web-stg.internal'}, {@code default}. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return environment + " (" + reason + ")";
  }
}
