package dev.secrets4j;

/**
 * The rule for {@code environment=} in a configuration file: the process's own {@code app.env} or
 * {@code APP_ENV} is never overridden by it. A disagreement is an error naming both; agreement, or no process
 * setting, uses the file's value with a reason that names the file and the key.
 */
final class ConfiguredEnvironment {
  private ConfiguredEnvironment() {}

  static Environment.Detection detect(EnvironmentDetector detector, String configured, String origin,
      String property, String variable) {
    String where = "key 'environment' in " + origin;
    Environment fromFile = detector.resolve(configured, where);
    String processSetting = null;
    String processValue = null;
    if (property != null && !property.isBlank()) {
      processSetting = "system property " + EnvironmentDetector.PROPERTY;
      processValue = property.trim();
    } else if (variable != null && !variable.isBlank()) {
      processSetting = "environment variable " + EnvironmentDetector.VARIABLE;
      processValue = variable.trim();
    }
    String reason = "environment=" + configured.trim() + " (" + where + ")";
    if (processSetting == null) {
      return Environment.Detection.of(fromFile, reason);
    }
    Environment fromProcess = detector.resolve(processValue, processSetting);
    if (!fromProcess.equals(fromFile)) {
      throw new SecretConfigurationException(origin + " sets environment=" + configured.trim() + " (" + fromFile
          + ") but " + processSetting + " is " + processValue + " (" + fromProcess + "); a configuration file must not"
          + " override the process's own setting: remove environment= from " + origin + ", or make them agree");
    }
    return Environment.Detection.of(fromFile, reason + ", agreeing with " + processSetting + "=" + processValue);
  }
}
