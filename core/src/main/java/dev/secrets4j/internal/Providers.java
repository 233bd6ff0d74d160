package dev.secrets4j.internal;

import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@link SecretSourceProvider}s as SLF4J 2 finds its providers: each {@code next()} guarded. A lookup stops at
 * the first provider of the scheme asked for (in class path order), so the providers after it are neither loaded nor
 * instantiated; only the "no provider" error lists every scheme on the class path.
 */
public final class Providers {
  /** Which artifact provides which scheme, for the "no provider" message. */
  static final Map<String, String> KNOWN = Map.of(
      "file", "dev.secrets4j:secrets4j-provider-file",
      "dir", "dev.secrets4j:secrets4j-provider-file",
      "aws-sm", "dev.secrets4j:secrets4j-provider-aws",
      "gcp-sm", "dev.secrets4j:secrets4j-provider-gcp",
      "azure-kv", "dev.secrets4j:secrets4j-provider-azure",
      "env", "dev.secrets4j:secrets4j-core",
      "memory", "dev.secrets4j:secrets4j-test");

  private final ClassLoader loader;
  /** Providers found so far by scheme; a scheme mapped to null has none on the class path. */
  private final Map<String, SecretSourceProvider> found = new HashMap<>();

  private Providers(ClassLoader loader) {
    this.loader = loader;
  }

  /** The providers visible to {@code loader}, looked up scheme by scheme as they are asked for. */
  public static Providers on(ClassLoader loader) {
    return new Providers(loader);
  }

  /** Every provider on {@code loader}'s class path, by scheme (the first of a scheme wins; a second is warned). */
  public static Map<String, SecretSourceProvider> discover(ClassLoader loader) {
    Map<String, SecretSourceProvider> byScheme = new LinkedHashMap<>();
    Iterator<SecretSourceProvider> it = ServiceLoader.load(SecretSourceProvider.class, loader).iterator();
    for (SecretSourceProvider p = next(it); p != null; p = next(it)) {
      for (String scheme : p.schemes()) {
        SecretSourceProvider prior = byScheme.putIfAbsent(scheme, p);
        if (prior != null && prior.getClass() != p.getClass()) {
          log().warn("two providers for scheme '{}': {} and {}; using the first", scheme,
              prior.getClass().getName(), p.getClass().getName());
        }
      }
    }
    return byScheme;
  }

  /** The first provider of {@code scheme} in class path order, or null; each scheme is looked up once. */
  public SecretSourceProvider find(String scheme) {
    if (found.containsKey(scheme)) {
      return found.get(scheme);
    }
    SecretSourceProvider match = null;
    Iterator<SecretSourceProvider> it = ServiceLoader.load(SecretSourceProvider.class, loader).iterator();
    while (match == null) {
      SecretSourceProvider p = next(it); // instantiates one provider: none after the match
      if (p == null) {
        break;
      }
      if (p.schemes().contains(scheme)) {
        match = p;
      }
    }
    found.put(scheme, match);
    return match;
  }

  /**
   * How the provider of {@code uri}'s scheme spells its store ({@link SecretSourceProvider#identity});
   * {@link SourceUri#identity()} for a scheme with no provider on the class path (another environment's store, say).
   */
  public String identity(SourceUri uri) {
    SecretSourceProvider p = find(uri.scheme());
    return p == null ? uri.identity() : p.identity(uri);
  }

  /**
   * Creates the source for {@code uri} with the first provider of its scheme.
   *
   * @throws SecretConfigurationException naming the scheme, the schemes found and the artifact to add
   */
  public SecretSource create(SourceUri uri) {
    SecretSourceProvider p = find(uri.scheme());
    if (p == null) {
      String artifact = KNOWN.get(uri.scheme());
      throw new SecretConfigurationException("no secrets4j provider for scheme '" + uri.scheme() + "' (source "
          + uri.redacted() + "); schemes found on the class path: " + new TreeSet<>(discover(loader).keySet())
          + (artifact != null ? "; add the dependency " + artifact
              : "; known schemes: " + new TreeSet<>(KNOWN.keySet())));
    }
    SecretSource source = p.create(uri);
    if (source == null) {
      throw new IllegalStateException(p.getClass().getName() + " returned no source for " + uri.redacted());
    }
    return source;
  }

  /**
   * {@link #create(SourceUri)} with a one-off lookup.
   *
   * @throws SecretConfigurationException naming the scheme, the schemes found and the artifact to add
   */
  public static SecretSource create(SourceUri uri, ClassLoader loader) {
    return on(loader).create(uri);
  }

  /** The next provider that loads, skipping (and warning about) those that do not; null at the end. */
  private static SecretSourceProvider next(Iterator<SecretSourceProvider> it) {
    while (true) {
      try {
        return it.hasNext() ? it.next() : null;
      } catch (ServiceConfigurationError e) {
        log().warn("a secrets4j provider could not be loaded and is skipped: {}", e.getMessage());
      }
    }
  }

  private static Logger log() {
    return LoggerFactory.getLogger(Providers.class);
  }
}
