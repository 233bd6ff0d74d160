package dev.secrets4j;

import dev.secrets4j.internal.Providers;
import dev.secrets4j.internal.SecurityWarnings;
import dev.secrets4j.spi.CredentialPatterns;
import dev.secrets4j.spi.SourceUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** The guards' mutable settings, filled by the builder; {@link #build} makes the resolver's {@link Guards}. */
final class GuardSettings {
  public GuardOptions.Mode crossEnvironmentSource = GuardOptions.Mode.REFUSE;
  public GuardOptions.Mode environmentTag = GuardOptions.Mode.REFUSE;
  public GuardOptions.Mode liveCredentials = GuardOptions.Mode.REFUSE;
  public GuardOptions.Mode testCredentials = GuardOptions.Mode.WARN;
  public GuardOptions.Mode sharedSource = GuardOptions.Mode.REFUSE;
  public GuardOptions.Mode overdueRotation = GuardOptions.Mode.WARN;
  public boolean requireAccessContext;
  public final List<CredentialPatterns.Format> extraPatterns = new ArrayList<>();
  /** The default policy's name patterns are compiled at their first use, not here. */
  public GuardOptions.RotationPolicy rotationPolicy = GuardOptions.RotationPolicy.defaults();

  /**
   * Guards 1 and 5, at build time: the detected environment's source URI ({@code chosen}) must not name another
   * environment, and no two environments may share one store ({@link SharedSourceGuard}); {@code providers} spell
   * a URI's store one way (the scheme's provider's {@code identity}), asked only when two environments are compared.
   */
  public void checkSources(Environment env, EnvironmentDetector detector, Map<String, String> uris, SourceUri chosen,
      String origin, Providers providers) {
    SharedSourceGuard.check(sharedSource, env, detector, uris, origin, providers);
    if (crossEnvironmentSource != GuardOptions.Mode.OFF && chosen != null) {
      checkUri(env, detector, chosen);
    }
  }

  /** Guard 1 for one URI ({@link CrossEnvironmentGuard}). */
  public void checkUri(Environment env, EnvironmentDetector detector, SourceUri uri) {
    CrossEnvironmentGuard.check(crossEnvironmentSource, env, detector, uri);
  }

  /**
   * The resolver's guards for {@code env}. The credential formats (the built-ins, the {@link CredentialPatterns}
   * plug-ins and {@link #extraPatterns}) are gathered at the first value check, not here.
   */
  public Guards build(Environment env, EnvironmentDetector detector) {
    return new StandardGuards(this, env, detector, List.copyOf(extraPatterns));
  }

  static void violation(GuardOptions.Mode mode, String rule, String message) {
    if (mode == GuardOptions.Mode.REFUSE) {
      throw new EnvironmentViolationException("[" + rule + "] " + message);
    }
    if (mode == GuardOptions.Mode.WARN) {
      SecurityWarnings.warn(LoggerFactory.getLogger("secrets4j.guard"), "[" + rule + "] " + message);
    }
  }
}
