package dev.secrets4j.classpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.secrets4j.Secrets;
import dev.secrets4j.file.FileSecretSources;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The published jars as named modules, the way an application on the module path loads them: a module layer made
 * of core, the file provider and their three libraries, nothing else. ServiceLoader finds the providers through
 * {@code provides}, a resolver reads a secret through the layer, and what core does not export is unreachable.
 */
class ModulePathTest {
  @TempDir Path dir;

  /** The jar (or classes folder) {@code type} was loaded from. */
  private static Path home(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static ModuleLayer layer() throws Exception {
    ModuleFinder finder = ModuleFinder.of(home(Secrets.class), home(FileSecretSources.class),
        home(Caffeine.class), home(JsonFactory.class), home(LoggerFactory.class));
    Configuration cf = ModuleLayer.boot().configuration()
        .resolveAndBind(finder, ModuleFinder.of(), Set.of("dev.secrets4j.file"));
    return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void theModulesAreNamed_andExportOnlyTheirApi() throws Exception {
    ModuleLayer layer = layer();
    ModuleDescriptor core = layer.findModule("dev.secrets4j.core").orElseThrow().getDescriptor();
    ModuleDescriptor file = layer.findModule("dev.secrets4j.file").orElseThrow().getDescriptor();
    assertThat(core.isAutomatic()).isFalse();
    assertThat(file.isAutomatic()).isFalse();
    Set<String> coreExports = new TreeSet<>();
    core.exports().forEach(e -> coreExports.add(e.source()));
    assertThat(coreExports).containsExactly("dev.secrets4j", "dev.secrets4j.cli", "dev.secrets4j.spi");
    Set<String> fileExports = new TreeSet<>();
    file.exports().forEach(e -> fileExports.add(e.source()));
    assertThat(fileExports).containsExactly("dev.secrets4j.file");
  }

  @Test
  void serviceLoader_findsTheProviders_throughProvides() throws Exception {
    ModuleLayer layer = layer();
    ClassLoader loader = layer.findLoader("dev.secrets4j.core");
    Class<?> spi = loader.loadClass("dev.secrets4j.spi.SecretSourceProvider");
    Method schemes = spi.getMethod("schemes");
    List<String> found = new ArrayList<>();
    for (Object provider : ServiceLoader.load(layer, spi)) {
      for (Object s : (Iterable<?>) schemes.invoke(provider)) {
        found.add((String) s);
      }
    }
    assertThat(found).contains("env", "file", "dir");
  }

  @Test
  void aResolverInTheLayer_readsASecret_fromADotenvFile() throws Exception {
    Path dotenv = dir.resolve("development.env");
    Files.writeString(dotenv, "greeting=hello from the module path\n");
    Files.setPosixFilePermissions(dotenv, PosixFilePermissions.fromString("rw-------"));
    ModuleLayer layer = layer();
    ClassLoader loader = layer.findLoader("dev.secrets4j.core");
    Class<?> secretsType = loader.loadClass("dev.secrets4j.Secrets");
    Object builder = secretsType.getMethod("builder").invoke(null);
    builder = builder.getClass().getMethod("environment", String.class).invoke(builder, "development");
    builder = builder.getClass().getMethod("source", String.class).invoke(builder, "file:" + dotenv);
    try (AutoCloseable secrets = (AutoCloseable) builder.getClass().getMethod("build").invoke(builder)) {
      Object secret = secretsType.getMethod("get", String.class).invoke(secrets, "greeting");
      assertThat(secret.getClass().getMethod("asString").invoke(secret)).isEqualTo("hello from the module path");
      assertThat(secret.getClass().getModule().getName()).isEqualTo("dev.secrets4j.core");
    }
  }

  @Test
  void coresInternalPackage_isNotReadable_fromAnotherModule() throws Exception {
    ModuleLayer layer = layer();
    Module core = layer.findModule("dev.secrets4j.core").orElseThrow();
    Module file = layer.findModule("dev.secrets4j.file").orElseThrow();
    assertThat(core.isExported("dev.secrets4j.internal", file)).isFalse();
    assertThat(core.getPackages()).contains("dev.secrets4j.internal");
    // a public method of a public class in the internal package: on the class path callable, here not
    Method firstUnsafe = layer.findLoader("dev.secrets4j.core").loadClass("dev.secrets4j.internal.Text")
        .getMethod("firstUnsafe", String.class);
    assertThatThrownBy(() -> firstUnsafe.invoke(null, "x")).isInstanceOf(IllegalAccessException.class)
        .hasMessageContaining("does not export dev.secrets4j.internal");
  }
}
