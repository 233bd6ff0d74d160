package dev.secrets4j.microprofile;

import dev.secrets4j.Secrets;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A SmallRye Config source of secrets: each {@code secrets4j.property.NAME=SECRET} key of the configuration makes
 * the property {@code NAME} the current value of the secret {@code SECRET} ({@code db#password} reads one field of
 * a JSON secret) in the detected environment's store.
 *
 * <pre>
 * secrets4j.source.production=aws-sm://eu-west-1?prefix=production/
 * secrets4j.source.development=dotenv:.env.development
 * secrets4j.property.stripe.api-key=stripe-api-key
 * </pre>
 *
 * <p>Discovered through {@link java.util.ServiceLoader} ({@code META-INF/services/io.smallrye.config.ConfigSourceFactory}).
 * The resolver comes from the configuration built before this source: its {@code secrets4j.*} keys when it has a
 * {@code secrets4j.source} (or {@code secrets4j.source.ENV}) key, else {@code secrets4j.properties}; it is shared
 * with {@link Secrets4jSecretKeysHandlerFactory} and {@link Secrets4jCredentialsProvider} for the same settings.
 * With no {@code secrets4j.property.*} key this factory adds no source and builds no resolver.
 *
 * <p>The source's ordinal is {@value ConfigSettings#DEFAULT_ORDINAL} unless {@code secrets4j.config-source.ordinal}
 * says otherwise: above {@code application.properties} (250; 260 in {@code config/}) and
 * {@code microprofile-config.properties} (100), so a mapped property is the secret's value; below environment
 * variables (300) and system properties (400), so an operator can still override one. Each lookup reads through
 * the resolver's cache: no I/O after the first load, and a rotation is seen at the first lookup after the
 * resolver's refresh. A missing secret fails the lookup with the resolver's {@link dev.secrets4j.SecretNotFoundException},
 * which names the secret and the environment.
 */
public final class Secrets4jConfigSourceFactory implements ConfigSourceFactory {
  private final Secrets secrets;

  /** The factory {@link java.util.ServiceLoader} creates: its resolver comes from the configuration. */
  public Secrets4jConfigSourceFactory() {
    this.secrets = null;
  }

  /**
   * A factory serving the mapped properties from {@code secrets} (built in code, with an audit hook or a ticker),
   * for {@code SmallRyeConfigBuilder.withSources(...)}; the {@code secrets4j.*} resolver keys are then not read.
   * The caller keeps ownership of {@code secrets} and closes it.
   *
   * @throws NullPointerException if {@code secrets} is null
   */
  public Secrets4jConfigSourceFactory(Secrets secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /**
   * One source with the mapped properties, or none when no {@code secrets4j.property.*} key is set.
   *
   * @throws dev.secrets4j.SecretConfigurationException when a {@code secrets4j.*} key, the settings or
   *     {@code secrets4j.properties} are wrong
   * @throws dev.secrets4j.EnvironmentViolationException when a guard refuses the configuration
   */
  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    ConfigSettings settings = ConfigSettings.of(context);
    if (settings.properties().isEmpty()) {
      return List.of();
    }
    Secrets resolver = secrets != null ? secrets : SharedResolvers.forSettings(settings);
    return List.of(new SecretsConfigSource(resolver, settings.properties(), settings.ordinal()));
  }

  /** The factory's priority among factories: the same as its source's default ordinal. */
  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(ConfigSettings.DEFAULT_ORDINAL);
  }
}
