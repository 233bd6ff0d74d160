package dev.secrets4j.internal;

import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds {@link SecretSourceProvider}s as SLF4J 2 finds its providers: each {@code next()} guarded. */
public final class Providers {
  private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

  /** Which artifact provides which scheme, for the "no provider" message. */
  static final Map<String, String> KNOWN = Map.of(
      "file", "dev.secrets4j:secrets4j-provider-file",
      "dir", "dev.secrets4j:secrets4j-provider-file",
      "aws-sm", "dev.secrets4j:secrets4j-provider-aws",
      "gcp-sm", "dev.secrets4j:secrets4j-provider-gcp",
      "azure-kv", "dev.secrets4j:secrets4j-provider-azure",
      "env", "dev.secrets4j:secrets4j-core",
      "memory", "dev.secrets4j:secrets4j-test");

  private Providers() {}

  /** Every provider on {@code loader}'s class path, by scheme. */
  public static Map<String, SecretSourceProvider> discover(ClassLoader loader) {
    Map<String, SecretSourceProvider> byScheme = new LinkedHashMap<>();
    Iterator<SecretSourceProvider> it = ServiceLoader.load(SecretSourceProvider.class, loader).iterator();
    while (true) {
      SecretSourceProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        LOG.warn("a secrets4j provider could not be loaded and is skipped: {}", e.getMessage());
        continue;
      }
      for (String scheme : p.schemes()) {
        SecretSourceProvider prior = byScheme.putIfAbsent(scheme, p);
        if (prior != null && prior.getClass() != p.getClass()) {
          LOG.warn("two providers for scheme '{}': {} and {}; using the first", scheme,
              prior.getClass().getName(), p.getClass().getName());
        }
      }
    }
    return byScheme;
  }

  /**
   * How each scheme's provider spells a store ({@link SecretSourceProvider#identity}); {@link SourceUri#identity()}
   * for a scheme with no provider on the class path (another environment's store, say).
   */
  public static java.util.function.Function<SourceUri, String> identities(ClassLoader loader) {
    Map<String, SecretSourceProvider> providers = discover(loader);
    return uri -> {
      SecretSourceProvider p = providers.get(uri.scheme());
      return p == null ? uri.identity() : p.identity(uri);
    };
  }

  /**
   * Creates the source for {@code uri} with the provider of its scheme.
   *
   * @throws SecretConfigurationException naming the scheme, the schemes found and the artifact to add
   */
  public static SecretSource create(SourceUri uri, ClassLoader loader) {
    Map<String, SecretSourceProvider> providers = discover(loader);
    SecretSourceProvider p = providers.get(uri.scheme());
    if (p == null) {
      String artifact = KNOWN.get(uri.scheme());
      throw new SecretConfigurationException("no secrets4j provider for scheme '" + uri.scheme() + "' (source "
          + uri.redacted() + "); schemes found on the class path: " + new TreeSet<>(providers.keySet())
          + (artifact != null ? "; add the dependency " + artifact
              : "; known schemes: " + new TreeSet<>(KNOWN.keySet())));
    }
    SecretSource source = p.create(uri);
    if (source == null) {
      throw new IllegalStateException(p.getClass().getName() + " returned no source for " + uri.redacted());
    }
    return source;
  }
}
