package dev.secrets4j;

import dev.secrets4j.internal.Tokens;
import dev.secrets4j.spi.CredentialPatterns;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Guards 2, 3, 4 and 6, as configured. */
final class StandardGuards extends Guards {
  private final GuardSettings settings;
  private final Environment env;
  private final EnvironmentDetector detector;
  private final List<CredentialPatterns.Format> extraPatterns;
  /** The built-ins, the plug-ins and the extra formats; gathered at the first value check. */
  private volatile List<CredentialPatterns.Format> patterns;

  StandardGuards(GuardSettings settings, Environment env, EnvironmentDetector detector,
      List<CredentialPatterns.Format> extraPatterns) {
    this.settings = settings;
    this.env = env;
    this.detector = detector;
    this.extraPatterns = List.copyOf(extraPatterns);
  }

  private List<CredentialPatterns.Format> patterns() {
    List<CredentialPatterns.Format> p = patterns;
    if (p == null) {
      List<CredentialPatterns.Format> all = new ArrayList<>(CredentialRegistry.discovered());
      all.addAll(extraPatterns);
      p = List.copyOf(all);
      patterns = p;
    }
    return p;
  }

  @Override
  public boolean wantsMetadata() {
    return settings.environmentTag != GuardOptions.Mode.OFF
        || (env.isProduction() && settings.overdueRotation != GuardOptions.Mode.OFF);
  }

  @Override
  public boolean checksAccess() {
    return settings.requireAccessContext && env.isProduction();
  }

  @Override
  public void checkAccess(Environment env, String name, AccessContext access) {
    if (settings.requireAccessContext && env.isProduction() && !access.isIdentified()) {
      throw new SecretAccessDeniedException("[access-context] read of secret '" + name
          + "' in production without a principal and purpose; call get(name, AccessContext.of(principal, purpose))");
    }
  }

  @Override
  public void checkValue(Environment env, String name, String sourceId, SecretVersion version) {
    boolean checkLive = !env.isProduction() && settings.liveCredentials != GuardOptions.Mode.OFF;
    boolean checkTest = env.isProduction() && settings.testCredentials != GuardOptions.Mode.OFF;
    if (!checkLive && !checkTest) {
      return;
    }
    String value = version.valueAsString();
    for (CredentialPatterns.Format p : patterns()) {
      if (checkLive && p.isLive() && p.matches(value)) {
        GuardSettings.violation(settings.liveCredentials, "live-credential", "secret '" + name + "' (version "
            + version.versionId() + ") from " + sourceId + " looks like a " + p.name() + ", which must not be used in "
            + env + "; put a test key in " + env + "'s store");
      }
      if (checkTest && !p.isLive() && p.matches(value)) {
        GuardSettings.violation(settings.testCredentials, "test-credential", "secret '" + name + "' (version "
            + version.versionId() + ") from " + sourceId + " looks like a " + p.name() + " in production");
      }
    }
  }

  @Override
  public void checkMetadata(Environment env, String name, String sourceId, Optional<SecretMetadata> metadata) {
    if (settings.environmentTag == GuardOptions.Mode.OFF || metadata.isEmpty()) {
      return;
    }
    for (Map.Entry<String, String> tag : metadata.get().environmentTags().entrySet()) {
      checkTag(env, name, sourceId, tag.getKey(), tag.getValue());
    }
  }

  private void checkTag(Environment env, String name, String sourceId, String key, String value) {
    if (value.isBlank()) {
      return;
    }
    // the whole value first (a custom environment's name), else its words ("prod-eu", "staging_2", "ProdEu")
    Optional<Environment> tagged = detector.environmentOfToken(value.trim());
    if (tagged.isEmpty()) {
      for (String token : Tokens.words(value)) {
        Optional<Environment> t = detector.environmentOfToken(token);
        if (t.isPresent() && (tagged.isEmpty() || !t.get().equals(env))) {
          tagged = t;
        }
      }
    }
    if (tagged.isPresent() && !tagged.get().equals(env)) {
      GuardSettings.violation(settings.environmentTag, "environment-tag", "secret '" + name + "' in " + sourceId
          + " is tagged " + key + "=" + value.trim() + " (" + tagged.get() + ") but this process runs in " + env);
    }
  }
}
