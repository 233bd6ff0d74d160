package dev.secrets4j.spring;

import dev.secrets4j.AccessContext;
import dev.secrets4j.SecretException;
import dev.secrets4j.SecretNotFoundException;
import dev.secrets4j.Secrets;
import org.springframework.core.env.PropertySource;

/**
 * The property source of one {@code secrets4j:} import. Every lookup reads the resolver, so a lookup after the first
 * load is a cache hit (no I/O) that returns the current version, and no value is copied into Spring beyond the
 * string handed to the caller. Not enumerable: {@code /actuator/env} lists no key or value of it.
 *
 * <p>A missing secret is an error naming the property, the secret and the environment, unless the import is
 * {@code optional:}, where the property is absent (so {@code ${secrets.name:default}} applies).
 */
final class SecretsPropertySource extends PropertySource<Secrets> {
  private final SecretMapping mapping;
  private final boolean optional;
  private final PropertyIndex index;
  private final String principal;

  SecretsPropertySource(Secrets secrets, SecretMapping mapping, boolean optional, PropertyIndex index,
      String principal) {
    super((optional ? "optional:" : "") + mapping.location(), secrets);
    this.mapping = mapping;
    this.optional = optional;
    this.index = index;
    this.principal = principal;
  }

  @Override
  public Object getProperty(String name) {
    String secret = mapping.secretFor(name).orElse(null);
    if (secret == null) {
      return null;
    }
    index.record(secret, name);
    try {
      return getSource().get(secret, AccessContext.of(principal, "property " + name)).asString();
    } catch (SecretNotFoundException e) {
      if (optional) {
        return null;
      }
      throw failure(name, secret, e);
    } catch (SecretException e) {
      throw failure(name, secret, e);
    }
  }

  /** Whether {@code name} reads a secret (without reading it). */
  boolean maps(String name) {
    return mapping.secretFor(name).isPresent();
  }

  private SecretsSetupException failure(String property, String secret, SecretException e) {
    return new SecretsSetupException("property '" + property + "' (secret '" + secret + "' from "
        + getSource().sourceId() + ") cannot be read: " + e.getMessage(), getSource().detection(), null,
        "Add the secret to the store of " + getSource().environment() + ", or import with optional:secrets4j: "
            + "and give the property a default (${" + property + ":...})", e);
  }
}
