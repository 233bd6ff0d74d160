package dev.secrets4j.spring;

import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEvent;

/**
 * Published on the application context when a secret the application reads through
 * {@code spring.config.import=secrets4j:} rotates: the resolver's refresh brought a new current version.
 *
 * <p>Carries the secret's name, the previous and the current version ids and the Spring property names that read
 * the secret, never a value: read the new value from the {@code Environment} or the {@code Secrets} bean. It is
 * published on a resolver thread, once per version change, after the resolver serves the new version; by the time
 * listeners run, {@code @ConfigurationProperties} beans bound to those property names have been rebound.
 */
public final class SecretRotatedEvent extends ApplicationEvent {
  private static final long serialVersionUID = 1L;

  private final String secretName;
  private final String previousVersionId;
  private final String currentVersionId;
  private final Set<String> propertyNames;

  /**
   * An event; the integration publishes it, tests may build one.
   *
   * @param source the application context
   * @param propertyNames the property names that read this secret (fields included), possibly empty
   */
  public SecretRotatedEvent(Object source, String secretName, String previousVersionId, String currentVersionId,
      Set<String> propertyNames) {
    super(source);
    this.secretName = Objects.requireNonNull(secretName, "secretName");
    this.previousVersionId = previousVersionId;
    this.currentVersionId = Objects.requireNonNull(currentVersionId, "currentVersionId");
    this.propertyNames = Set.copyOf(propertyNames);
  }

  /** The rotated secret's name ({@code database-credentials}, without a {@code #field}). */
  public String secretName() {
    return secretName;
  }

  /** The version id served before the rotation, or null if none was known. */
  public String previousVersionId() {
    return previousVersionId;
  }

  /** The version id served now. */
  public String currentVersionId() {
    return currentVersionId;
  }

  /** The Spring property names that read this secret so far ({@code spring.datasource.password}). */
  public Set<String> propertyNames() {
    return propertyNames;
  }

  @Override
  public String toString() {
    return "SecretRotatedEvent[" + secretName + " " + previousVersionId + " -> " + currentVersionId + ", properties "
        + propertyNames + "]";
  }
}
