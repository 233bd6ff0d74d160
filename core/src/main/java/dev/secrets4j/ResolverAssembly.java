package dev.secrets4j;

import dev.secrets4j.internal.Providers;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.util.Map;

/**
 * What {@link SecretsBuilder#build()} does: detects the environment, creates that environment's source (and no
 * other), applies the build-time guards, wires the {@link Resolver}, validates the required secrets and hands the
 * maintenance tick out where the builder asked for it.
 */
final class ResolverAssembly {
  private ResolverAssembly() {}

  static Secrets assemble(SecretsBuilder b) {
    EnvironmentDetector d = b.detector != null ? b.detector : EnvironmentDetector.standard();
    if (b.explicitEnvironment != null) {
      d = d.withExplicit(b.explicitEnvironment);
    } else if (b.configuredEnvironment != null) {
      d = d.withConfigured(b.configuredEnvironment, b.origin);
    }
    Environment.Detection detection = d.detect();
    Environment env = detection.environment();
    for (String key : b.sourceUris.keySet()) {
      if (!key.equals("*")) {
        d.resolve(key);
      }
    }
    SecretSource source;
    if (b.sourceInstance != null) {
      source = b.sourceInstance;
    } else {
      String uri = b.sourceUris.get(env.name());
      if (uri == null) {
        for (Map.Entry<String, String> e : b.sourceUris.entrySet()) {
          if (!e.getKey().equals("*") && d.resolve(e.getKey()).equals(env)) {
            uri = e.getValue();
          }
        }
      }
      if (uri == null) {
        uri = b.sourceUris.get("*");
      }
      if (uri == null) {
        throw new SecretConfigurationException("no source is configured for environment " + env + " ("
            + detection.reason() + ") in " + b.origin + "; set source." + env.name()
            + " (environments with a source: " + b.sourceUris.keySet() + ")");
      }
      ClassLoader loader = b.classLoader != null ? b.classLoader : SecretsBuilder.class.getClassLoader();
      // one lookup for the guard and the source: it stops at the first provider of the scheme
      Providers providers = Providers.on(loader);
      SourceUri parsed = SourceUri.parse(uri, env);
      b.guards.checkSources(env, d, b.sourceUris, parsed, b.origin, providers);
      source = providers.create(parsed);
    }
    ResolverSettings s = ResolverSettings.of(b, detection, source, b.guards.build(env, d), requiredNames(b.required, env));
    Resolver secrets;
    try {
      secrets = new Resolver(s);
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
    try {
      if (b.required != null) {
        Manifest.Report report = secrets.validate(b.required);
        if (!report.isValid()) {
          throw new SecretConfigurationException("required secrets are not all usable in " + env + ":\n" + report);
        }
        for (var w : report.warnings()) {
          org.slf4j.LoggerFactory.getLogger("secrets4j.guard").warn("{}", w);
        }
      }
    } catch (RuntimeException e) {
      secrets.close();
      throw e;
    }
    if (b.tickReceiver != null) {
      b.tickReceiver.accept(secrets.tick());
    }
    return secrets;
  }

  static java.util.Set<String> requiredNames(Manifest manifest, Environment env) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    if (manifest != null) {
      for (Manifest.Item item : manifest.itemsFor(env)) {
        if (item.required()) {
          names.add(item.name());
        }
      }
    }
    return java.util.Set.copyOf(names);
  }
}
