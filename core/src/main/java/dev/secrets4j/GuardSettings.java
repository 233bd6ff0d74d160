package dev.secrets4j;

import dev.secrets4j.internal.SecurityWarnings;
import dev.secrets4j.spi.CredentialPatterns;
import dev.secrets4j.spi.SourceUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The guards' mutable settings, filled by the builder; {@link #build} makes the resolver's {@link Guards}. */
final class GuardSettings {
  private static final Logger LOG = LoggerFactory.getLogger("secrets4j.guard");

  public GuardOptions.Mode crossEnvironmentSource = GuardOptions.Mode.REFUSE;
  public GuardOptions.Mode environmentTag = GuardOptions.Mode.REFUSE;
  public GuardOptions.Mode liveCredentials = GuardOptions.Mode.REFUSE;
  public GuardOptions.Mode testCredentials = GuardOptions.Mode.WARN;
  public GuardOptions.Mode sharedSource = GuardOptions.Mode.REFUSE;
  public GuardOptions.Mode overdueRotation = GuardOptions.Mode.WARN;
  public boolean requireAccessContext;
  public final List<CredentialPatterns.Format> extraPatterns = new ArrayList<>();
  public GuardOptions.RotationPolicy rotationPolicy = GuardOptions.RotationPolicy.defaults();

  /**
   * Guards 1 and 5, at build time: the detected environment's source URI ({@code chosen}) must not name another
   * environment, and no two environments may share one store ({@link SharedSourceGuard}); {@code identity} spells
   * a URI's store one way (the scheme's provider's {@code identity}).
   */
  public void checkSources(Environment env, EnvironmentDetector detector, Map<String, String> uris, String chosen,
      String origin, java.util.function.Function<SourceUri, String> identity) {
    SharedSourceGuard.check(sharedSource, env, detector, uris, origin, identity);
    if (crossEnvironmentSource != GuardOptions.Mode.OFF && chosen != null) {
      checkUri(env, detector, SourceUri.parse(chosen, env));
    }
  }

  /** Guard 1 for one URI ({@link CrossEnvironmentGuard}). */
  public void checkUri(Environment env, EnvironmentDetector detector, SourceUri uri) {
    CrossEnvironmentGuard.check(crossEnvironmentSource, env, detector, uri);
  }

  /** The resolver's guards for {@code env}. */
  public Guards build(Environment env, EnvironmentDetector detector) {
    List<CredentialPatterns.Format> patterns = new ArrayList<>(CredentialRegistry.discovered());
    patterns.addAll(extraPatterns);
    return new StandardGuards(this, env, detector, patterns);
  }

  static void violation(GuardOptions.Mode mode, String rule, String message) {
    if (mode == GuardOptions.Mode.REFUSE) {
      throw new EnvironmentViolationException("[" + rule + "] " + message);
    }
    if (mode == GuardOptions.Mode.WARN) {
      SecurityWarnings.warn(LOG, "[" + rule + "] " + message);
    }
  }
}
