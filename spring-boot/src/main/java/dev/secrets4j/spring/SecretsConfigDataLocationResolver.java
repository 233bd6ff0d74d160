package dev.secrets4j.spring;

import java.util.List;
import org.apache.commons.logging.Log;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.Profiles;
import org.springframework.boot.logging.DeferredLogFactory;

/**
 * Resolves {@code spring.config.import=secrets4j:...} (and {@code optional:secrets4j:...}): builds the application's
 * one resolver at the first import, and checks it against the active profiles once they are known. An optional
 * import with nothing configured (no {@code secrets4j.properties}, no {@code spring.secrets4j.source}) is skipped.
 */
final class SecretsConfigDataLocationResolver implements ConfigDataLocationResolver<SecretsConfigDataResource> {
  private final Log log;

  /** Spring Boot passes a log that is replayed once logging is set up. */
  SecretsConfigDataLocationResolver(DeferredLogFactory logs) {
    this.log = logs.getLog(SecretsConfigDataLocationResolver.class);
  }

  @Override
  public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
    return location.hasPrefix(SecretMapping.PREFIX);
  }

  @Override
  public List<SecretsConfigDataResource> resolve(ConfigDataLocationResolverContext context,
      ConfigDataLocation location) {
    SecretMapping mapping = SecretMapping.parse(location.getValue());
    if (location.isOptional() && !context.getBootstrapContext().isRegistered(SecretsRuntime.class)
        && !SecretsRuntime.isConfigured(context.getBinder(), SecretsRuntime.class.getClassLoader())) {
      return List.of();
    }
    SecretsRuntime runtime = SecretsRuntime.obtain(context.getBootstrapContext(), context.getBinder());
    return List.of(new SecretsConfigDataResource(mapping, location.isOptional(), runtime));
  }

  @Override
  public List<SecretsConfigDataResource> resolveProfileSpecific(ConfigDataLocationResolverContext context,
      ConfigDataLocation location, Profiles profiles) {
    if (context.getBootstrapContext().isRegistered(SecretsRuntime.class)) {
      SecretsRuntime runtime = context.getBootstrapContext().get(SecretsRuntime.class);
      ProfileCheck.check(runtime, profiles.getActive(), log);
    }
    return List.of();
  }
}
