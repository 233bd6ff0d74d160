package dev.secrets4j.spring;

import org.springframework.boot.context.config.ConfigDataResource;

/** One resolved {@code secrets4j:} import: its mapping, whether it is optional, and the application's runtime. */
final class SecretsConfigDataResource extends ConfigDataResource {
  private final SecretMapping mapping;
  private final boolean optional;
  private final SecretsRuntime runtime;

  SecretsConfigDataResource(SecretMapping mapping, boolean optional, SecretsRuntime runtime) {
    super(optional);
    this.mapping = mapping;
    this.optional = optional;
    this.runtime = runtime;
  }

  SecretMapping mapping() {
    return mapping;
  }

  boolean optional() {
    return optional;
  }

  SecretsRuntime runtime() {
    return runtime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretsConfigDataResource r && r.mapping.location().equals(mapping.location());
  }

  @Override
  public int hashCode() {
    return mapping.location().hashCode();
  }

  @Override
  public String toString() {
    return mapping.location();
  }
}
