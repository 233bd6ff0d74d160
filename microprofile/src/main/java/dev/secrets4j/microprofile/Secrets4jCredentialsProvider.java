package dev.secrets4j.microprofile;

import dev.secrets4j.Secrets;
import io.quarkus.credentials.CredentialsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A Quarkus {@link CredentialsProvider} (CDI bean {@code @Named("secrets4j")}) giving the current username and
 * password of a JSON secret such as {@code {"username":"app","password":"..."}}, for Agroal datasources, the
 * reactive SQL clients and every other Quarkus consumer of credentials providers:
 *
 * <pre>
 * quarkus.datasource.credentials-provider=database-credentials
 * quarkus.datasource.credentials-provider-name=secrets4j
 * </pre>
 *
 * <p>The credentials provider name the consumer passes ({@code database-credentials} above) is the secret's name;
 * its fields {@value #USERNAME_FIELD} and {@value #PASSWORD_FIELD} become {@link #USER_PROPERTY_NAME} and
 * {@link #PASSWORD_PROPERTY_NAME}. Consumers ask on every new connection, and each answer is read through the
 * resolver's cache: no I/O after the first load, and after a rotation the next connection uses the new password
 * once the resolver has refreshed. The resolver is the one {@link Secrets4jConfigSourceFactory} describes, for the
 * application's configuration ({@link ConfigProvider#getConfig()}), shared with the configuration source and the
 * expression handler; it is built at the first call.
 */
@ApplicationScoped
@Named(Secrets4jSecretKeysHandlerFactory.NAME)
public class Secrets4jCredentialsProvider implements CredentialsProvider {
  /** The JSON field holding the username. */
  public static final String USERNAME_FIELD = "username";
  /** The JSON field holding the password. */
  public static final String PASSWORD_FIELD = "password";

  private final Secrets given;
  private volatile Secrets secrets;

  /** The bean CDI creates: its resolver comes from the application's configuration at the first call. */
  public Secrets4jCredentialsProvider() {
    this.given = null;
  }

  /**
   * A provider reading from {@code secrets} (built in code, or outside CDI). The caller keeps ownership of it.
   *
   * @throws NullPointerException if {@code secrets} is null
   */
  public Secrets4jCredentialsProvider(Secrets secrets) {
    this.given = Objects.requireNonNull(secrets, "secrets");
  }

  /**
   * The current username and password of the JSON secret {@code credentialsProviderName}.
   *
   * @throws NullPointerException if {@code credentialsProviderName} is null
   * @throws dev.secrets4j.SecretNotFoundException when the secret, or its {@value #USERNAME_FIELD} or
   *     {@value #PASSWORD_FIELD} field, does not exist (naming the secret and the environment, never a value)
   * @throws dev.secrets4j.SecretConfigurationException when the secret is not a JSON object, or the configuration is
   *     wrong
   * @throws dev.secrets4j.SecretException as {@link Secrets#get(String)} does otherwise
   */
  @Override
  public Map<String, String> getCredentials(String credentialsProviderName) {
    String name = Objects.requireNonNull(credentialsProviderName, "credentialsProviderName").trim();
    Secrets resolver = resolver();
    String user = resolver.get(name + "#" + USERNAME_FIELD).asString();
    String password = resolver.get(name + "#" + PASSWORD_FIELD).asString();
    return Map.of(USER_PROPERTY_NAME, user, PASSWORD_PROPERTY_NAME, password);
  }

  private Secrets resolver() {
    if (given != null) {
      return given;
    }
    Secrets s = secrets;
    if (s == null) {
      s = SharedResolvers.forSettings(ConfigSettings.of(ConfigProvider.getConfig()));
      secrets = s;
    }
    return s;
  }

  @Override
  public String toString() {
    Secrets s = given != null ? given : secrets;
    return "Secrets4jCredentialsProvider[" + (s == null ? "not started" : s.environment() + " " + s.sourceId()) + "]";
  }
}
