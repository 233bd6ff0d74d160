package dev.secrets4j.spring;

import dev.secrets4j.Environment;
import dev.secrets4j.EnvironmentDetector;
import java.util.List;
import java.util.Optional;
import org.apache.commons.logging.Log;

/**
 * The detected environment against Spring's active profiles: a profile that names an environment
 * ({@code prod}, {@code staging}, {@code dev}, by name, alias or hostname token) other than the detected one is an
 * error naming both, or a warning with {@code spring.secrets4j.profile-check=warn}. Profiles that name no
 * environment ({@code aws}, {@code mysql}) are ignored.
 */
final class ProfileCheck {
  private ProfileCheck() {}

  static void check(SecretsRuntime runtime, List<String> activeProfiles, Log log) {
    SpringSettings.ProfileCheck mode = runtime.settings().profileCheck();
    if (mode == SpringSettings.ProfileCheck.OFF) {
      return;
    }
    Optional<String> problem = disagreement(runtime.secrets().detection(), activeProfiles);
    if (problem.isEmpty()) {
      return;
    }
    if (mode == SpringSettings.ProfileCheck.WARN) {
      log.warn(problem.get());
      return;
    }
    throw runtime.abort(new SecretsSetupException(problem.get(), runtime.secrets().detection(), null,
        "Make them agree: set APP_ENV (or -Dapp.env, or spring.secrets4j.environment) to the environment the "
            + "profile means, or activate the profile of the detected environment; "
            + "spring.secrets4j.profile-check=warn or off accepts the difference", null));
  }

  /** The first active profile naming another environment than the detected one, as a message, if any. */
  static Optional<String> disagreement(Environment.Detection detection, List<String> activeProfiles) {
    EnvironmentDetector standard = EnvironmentDetector.standard();
    Environment detected = detection.environment();
    for (String profile : activeProfiles) {
      Optional<Environment> named = detected.name().equalsIgnoreCase(profile)
          ? Optional.of(detected) : standard.environmentOfToken(profile);
      if (named.isPresent() && !named.get().equals(detected)) {
        return Optional.of("Spring profile '" + profile + "' means " + named.get() + " but secrets4j detected "
            + detected + " (" + detection.reason() + ")");
      }
    }
    return Optional.empty();
  }
}
