package dev.secrets4j.microprofile;

import dev.secrets4j.Secrets;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.SecretKeysHandler;
import io.smallrye.config.SecretKeysHandlerFactory;
import java.util.Objects;

/**
 * The SmallRye Config secret expression {@code ${secrets4j::NAME}}: the current value of the secret {@code NAME}
 * ({@code database-credentials#password} reads one field of a JSON secret) in the detected environment's store.
 *
 * <pre>
 * quarkus.datasource.password=${secrets4j::database-credentials#password}
 * </pre>
 *
 * <p>Discovered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.smallrye.config.SecretKeysHandlerFactory}); SmallRye creates the handler at the
 * first expression that uses it, so an application that writes none builds no resolver. The resolver is the one
 * {@link Secrets4jConfigSourceFactory} describes, shared for the same settings. Every evaluation reads through its
 * cache: no I/O after the first load, and a rotation is seen at the first evaluation after the resolver's refresh.
 * A missing secret fails the evaluation with {@link dev.secrets4j.SecretNotFoundException}, naming the secret and
 * the environment, never a value.
 */
public final class Secrets4jSecretKeysHandlerFactory implements SecretKeysHandlerFactory {
  /** The handler's name, before {@code ::} in an expression. */
  public static final String NAME = "secrets4j";

  private final Secrets secrets;

  /** The factory {@link java.util.ServiceLoader} creates: its resolver comes from the configuration. */
  public Secrets4jSecretKeysHandlerFactory() {
    this.secrets = null;
  }

  /**
   * A factory whose handler reads from {@code secrets} (built in code), for
   * {@code SmallRyeConfigBuilder.withSecretKeyHandlerFactories(...)}. The caller keeps ownership of {@code secrets}.
   *
   * @throws NullPointerException if {@code secrets} is null
   */
  public Secrets4jSecretKeysHandlerFactory(Secrets secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /**
   * The handler, over the resolver for {@code context}'s {@code secrets4j.*} settings (or the one given in code).
   *
   * @throws dev.secrets4j.SecretConfigurationException when a {@code secrets4j.*} key, the settings or
   *     {@code secrets4j.properties} are wrong
   * @throws dev.secrets4j.EnvironmentViolationException when a guard refuses the configuration
   */
  @Override
  public SecretKeysHandler getSecretKeysHandler(ConfigSourceContext context) {
    Secrets resolver = secrets != null ? secrets : SharedResolvers.forSettings(ConfigSettings.of(context));
    return new SecretsKeysHandler(resolver);
  }

  /** {@value #NAME}. */
  @Override
  public String getName() {
    return NAME;
  }
}
