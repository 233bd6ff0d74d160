package dev.secrets4j.internal;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import java.util.Set;

/** The built-in provider: {@code env:}. ({@code memory:} is the test kit's.) */
public final class CoreProviders {
  private CoreProviders() {}

  /** {@code env:} or {@code env:?prefix=MYAPP_}. */
  public static final class Env implements SecretSourceProvider {
    @Override
    public Set<String> schemes() {
      return Set.of("env");
    }

    @Override
    public SecretSource create(SourceUri uri) {
      uri.requireOnlyParams(Set.of("prefix"));
      return new EnvSecretSource(System.getenv(), uri.param("prefix").orElse(""));
    }

    /** Each process's environment variables are its own: never one store for two environments. */
    @Override
    public String identity(SourceUri uri) {
      return uri.identity() + " of the " + uri.environment() + " process";
    }
  }
}
