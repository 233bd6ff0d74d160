package dev.secrets4j.spring;

import dev.secrets4j.Manifest;
import java.util.List;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;

/**
 * Loads a {@code secrets4j:} import as one {@link SecretsPropertySource}. The listed form's secrets are validated
 * at once (every missing one in one report); the prefix form reads lazily, at the first lookup of each property.
 */
final class SecretsConfigDataLoader implements ConfigDataLoader<SecretsConfigDataResource> {

  @Override
  public ConfigData load(ConfigDataLoaderContext context, SecretsConfigDataResource resource) {
    SecretsRuntime runtime = resource.runtime();
    SecretMapping mapping = resource.mapping();
    if (!mapping.listed().isEmpty()) {
      Manifest.Builder manifest = Manifest.builder();
      for (String secret : new java.util.LinkedHashSet<>(mapping.listed().values())) {
        if (resource.optional()) {
          manifest.optional(secret);
        } else {
          manifest.required(secret);
        }
      }
      runtime.validate(manifest.build(), mapping.location());
    }
    return new ConfigData(List.of(new SecretsPropertySource(runtime.secrets(), mapping, resource.optional(),
        runtime.index(), runtime.settings().principal())));
  }
}
