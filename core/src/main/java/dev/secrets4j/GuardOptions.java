package dev.secrets4j;

import dev.secrets4j.internal.GuardSettings;
import dev.secrets4j.spi.CredentialPattern;
import java.util.Objects;

/**
 * The guards' settings, reached through {@link SecretsBuilder#guards()}; {@link #and()} returns to the
 * builder. Rules and defaults (numbered as in the README):
 * <ol>
 *   <li>a source URI carrying another environment's name: {@code REFUSE} at build;</li>
 *   <li>a store-side {@code environment} tag naming another environment: {@code REFUSE} on read;</li>
 *   <li>live credentials outside production: {@code REFUSE} on read;</li>
 *   <li>test credentials in production: {@code WARN} ({@code REFUSE} in strict mode);</li>
 *   <li>one source URI configured for several environments: {@code REFUSE} at build;</li>
 *   <li>a production read without principal and purpose: allowed unless {@link #requireAccessContextInProduction()};</li>
 *   <li>secret files readable by group or others: the file provider's {@code permissions=} parameter.</li>
 * </ol>
 * Overdue rotation ({@link #overdueRotation}) is warned in production by default, on first read and by
 * {@link Secrets#validate}; {@code REFUSE} makes it an error of the start-up validation.
 */
public final class GuardOptions {
  private final SecretsBuilder builder;
  private final GuardSettings settings;

  GuardOptions(SecretsBuilder builder, GuardSettings settings) {
    this.builder = builder;
    this.settings = settings;
  }

  /** Guard 1: source URIs that name another environment. */
  public GuardOptions crossEnvironmentSource(GuardMode mode) {
    settings.crossEnvironmentSource = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Guard 2: store-side environment tags and labels. */
  public GuardOptions environmentTag(GuardMode mode) {
    settings.environmentTag = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Guard 3: live credentials outside production. */
  public GuardOptions liveCredentials(GuardMode mode) {
    settings.liveCredentials = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Guard 4: test credentials in production. */
  public GuardOptions testCredentialsInProduction(GuardMode mode) {
    settings.testCredentials = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Strict mode: test credentials in production are refused too. */
  public GuardOptions strict() {
    return testCredentialsInProduction(GuardMode.REFUSE);
  }

  /** Guard 5: one source shared by several environments. */
  public GuardOptions sharedSource(GuardMode mode) {
    settings.sharedSource = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Guard 6: in production, a read without an identified {@link AccessContext} is denied (and audited DENIED). */
  public GuardOptions requireAccessContextInProduction() {
    settings.requireAccessContext = true;
    return this;
  }

  /** Adds a credential format to the live/test guards (besides those found through ServiceLoader). */
  public GuardOptions credentialPattern(CredentialPattern pattern) {
    settings.extraPatterns.add(Objects.requireNonNull(pattern, "pattern"));
    return this;
  }

  /** The rotation-age policy. Default {@link RotationPolicy#defaults()}. */
  public GuardOptions rotationPolicy(RotationPolicy policy) {
    settings.rotationPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** What overdue secrets do in production: WARN by default; REFUSE makes them errors of the start-up validation. */
  public GuardOptions overdueRotation(GuardMode mode) {
    settings.overdueRotation = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Back to the builder. */
  public SecretsBuilder and() {
    return builder;
  }
}
