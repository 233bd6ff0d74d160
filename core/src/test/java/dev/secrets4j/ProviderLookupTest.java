package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.internal.Providers;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.InMemorySecretSource;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build looks providers up as SLF4J 2 does (each {@code next()} guarded) and stops at the first provider of the
 * scheme asked for: those after it are not instantiated, and with one environment no store identity is asked.
 */
class ProviderLookupTest {
  static final AtomicInteger ALPHA_CREATED = new AtomicInteger();
  static final AtomicInteger ALPHA_IDENTITIES = new AtomicInteger();
  static final AtomicInteger BETA_CREATED = new AtomicInteger();

  @TempDir
  Path dir;
  ClassLoader loader;

  /** Scheme {@code alpha:}; counts its instances and the identities it is asked for. */
  public static final class Alpha implements SecretSourceProvider {
    public Alpha() {
      ALPHA_CREATED.incrementAndGet();
    }

    @Override
    public Set<String> schemes() {
      return Set.of("alpha");
    }

    @Override
    public SecretSource create(SourceUri uri) {
      InMemorySecretSource s = InMemorySecretSource.create();
      s.put("api-key", "from-alpha");
      return s;
    }

    @Override
    public String identity(SourceUri uri) {
      ALPHA_IDENTITIES.incrementAndGet();
      return uri.identity();
    }
  }

  /** Scheme {@code beta:}, listed after {@link Alpha}; counts its instances. */
  public static final class Beta implements SecretSourceProvider {
    public Beta() {
      BETA_CREATED.incrementAndGet();
    }

    @Override
    public Set<String> schemes() {
      return Set.of("beta");
    }

    @Override
    public SecretSource create(SourceUri uri) {
      return InMemorySecretSource.create();
    }
  }

  @BeforeEach
  void registerProviders() throws IOException {
    Path services = dir.resolve("cp/META-INF/services");
    Files.createDirectories(services);
    // a class that does not exist first: skipped with a warning, as SLF4J skips a broken provider
    Files.writeString(services.resolve(SecretSourceProvider.class.getName()),
        "dev.secrets4j.NoSuchProvider\n" + Alpha.class.getName() + "\n" + Beta.class.getName() + "\n");
    loader = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
    ALPHA_CREATED.set(0);
    ALPHA_IDENTITIES.set(0);
    BETA_CREATED.set(0);
  }

  @Test
  void build_stopsAtTheFirstProviderOfTheScheme() {
    try (Secrets s = Secrets.builder().environment("development").classLoader(loader).source("alpha:store")
        .manualMaintenance(tick -> {}).build()) {
      assertThat(s.get("api-key").asString()).isEqualTo("from-alpha");
    }
    assertThat(ALPHA_CREATED).hasValue(1); // one lookup serves the guards and the source
    assertThat(BETA_CREATED).hasValue(0);
    assertThat(ALPHA_IDENTITIES).hasValue(0); // one environment: no store to compare with
  }

  @Test
  void twoEnvironments_areComparedByTheirProvidersIdentity() {
    try (Secrets s = Secrets.builder().environment("development").classLoader(loader)
        .source("development", "alpha:dev-store").source("production", "alpha:prod-store")
        .manualMaintenance(tick -> {}).build()) {
      assertThat(s.sourceId()).isNotEmpty();
    }
    assertThat(ALPHA_IDENTITIES).hasValue(2);
    assertThat(BETA_CREATED).hasValue(0);
  }

  @Test
  void find_looksEachSchemeUpOnce_andNullWhenNoneHasIt() {
    Providers providers = Providers.on(loader);
    assertThat(providers.find("beta")).isInstanceOf(Beta.class);
    assertThat(providers.find("beta")).isSameAs(providers.find("beta"));
    assertThat(BETA_CREATED).hasValue(1);
    assertThat(providers.find("gamma")).isNull();
  }

  @Test
  void noProviderForTheScheme_namesTheSchemesOnTheClassPath() {
    SourceUri uri = SourceUri.parse("gcp-sm://project?secret=hidden", Environment.DEVELOPMENT);
    assertThatThrownBy(() -> Providers.on(loader).create(uri))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("no secrets4j provider for scheme 'gcp-sm'")
        .hasMessageContaining("alpha").hasMessageContaining("beta").hasMessageContaining("env")
        .hasMessageContaining("add the dependency dev.secrets4j:secrets4j-provider-gcp")
        .hasMessageNotContaining("hidden");
  }
}
