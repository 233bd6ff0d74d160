package dev.secrets4j;

import dev.secrets4j.internal.SecurityWarnings;
import dev.secrets4j.internal.Tokens;
import dev.secrets4j.spi.SourceUri;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Guard 1: the detected environment's source URI must not carry another environment's name. The URI's path,
 * authority and parameter values are split into words on {@code - . _ / :}, digits and camelCase
 * ({@code contosoProdVault} → contoso, prod, vault): a whole word naming another environment is refused (or
 * warned, as configured). A name buried inside a word ({@code myappprodkv}) may be a coincidence
 * ({@code product}), so it is always only warned: name stores with separators so the guard can tell.
 */
final class CrossEnvironmentGuard {
  private CrossEnvironmentGuard() {}

  static void check(GuardOptions.Mode mode, Environment env, EnvironmentDetector detector, SourceUri uri) {
    if (mode == GuardOptions.Mode.OFF) {
      return;
    }
    String text = uri.schemeSpecificPart() + " " + String.join(" ", uri.params().values());
    for (String word : Tokens.words(text)) {
      Optional<Environment> other = detector.environmentOfToken(word);
      if (other.isPresent()) {
        if (!other.get().equals(env)) {
          GuardSettings.violation(mode, "cross-environment-source", "source " + uri.redacted() + " carries '"
              + word + "', a name of " + other.get() + ", but this process runs in " + env
              + "; bind " + env + " to its own store");
        }
        continue;
      }
      Optional<String> buried = detector.nameInside(word);
      if (buried.isEmpty()) {
        continue;
      }
      Environment named = detector.environmentOfToken(buried.get()).orElse(env);
      if (!named.equals(env)) {
        SecurityWarnings.warn(LoggerFactory.getLogger("secrets4j.guard"), "[cross-environment-source] source "
            + uri.redacted() + " has '" + buried.get()
            + "', a name of " + named + ", inside '" + word + "' while this process runs in " + env
            + "; if the store belongs to " + named + ", bind " + env + " to its own; if not, separate the words"
            + " (" + word.replace(buried.get(), "-" + buried.get() + "-") + ") so the guard can tell");
      }
    }
  }
}
