package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.internal.EnvSecretSource;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Nothing on the way to the first secret that the first secret does not need: in a class loader of its own (so
 * that what other tests loaded does not count), building a resolver and reading one whole secret loads neither
 * Caffeine (the size bound, made once the cache holds half its maximum) nor Jackson (loaded by the first field
 * read), and starts no refresh thread (made by the first refresh); nor does a maintenance tick of a cache far from
 * full. The later steps are the controls: each loads what it needs.
 */
class StartUpPathTest {
  private static final String CAFFEINE = "com.github.benmanes.caffeine.cache.Caffeine";
  private static final String JACKSON = "com.fasterxml.jackson.core.JsonFactory";

  @Test
  void theFirstSecretLoadsNeitherTheSizeBoundNorJsonAndStartsNoRefreshThread() throws Exception {
    try (IsolatedLoader loader = new IsolatedLoader()) {
      @SuppressWarnings("unchecked")
      Function<String, String> probe = (Function<String, String>) loader.loadClass(Probe.class.getName())
          .getDeclaredConstructor().newInstance();
      assertThat(probe.apply("first")).isEqualTo("one");
      assertThat(loader.loaded(CAFFEINE)).as("Caffeine loaded by the first read").isFalse();
      assertThat(loader.loaded(JACKSON)).as("Jackson loaded by the first read").isFalse();
      assertThat(refreshThreads()).as("refresh threads started by the first read").isEmpty();

      assertThat(probe.apply("field")).isEqualTo("p1");
      assertThat(loader.loaded(JACKSON)).as("Jackson loaded by the first field read").isTrue();
      assertThat(loader.loaded(CAFFEINE)).isFalse();

      probe.apply("tick");
      assertThat(loader.loaded(CAFFEINE)).as("Caffeine loaded by a tick at 3 of 8 entries").isFalse();

      probe.apply("half");
      probe.apply("tick");
      assertThat(loader.loaded(CAFFEINE)).as("Caffeine loaded by the tick at half the maximum").isTrue();
      probe.apply("close");
    }
  }

  private static List<String> refreshThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("secrets4j-refresh")) {
        names.add(t.getName());
      }
    }
    return names;
  }

  /** Runs in the isolated loader: builds a resolver over an environment-variable map and reads from it. */
  public static final class Probe implements Function<String, String> {
    private Secrets secrets;
    private Runnable tick;

    @Override
    public String apply(String step) {
      switch (step) {
        case "first" -> {
          Consumer<Runnable> receiver = t -> tick = t;
          secrets = Secrets.builder().environment("development").manualMaintenance(receiver).maximumSize(8)
              .source(new EnvSecretSource(Map.of("API_KEY", "one", "DB", "{\"password\":\"p1\"}", "K1", "1",
                  "K2", "2"), ""))
              .build();
          return secrets.get("api-key").asString();
        }
        case "field" -> {
          return secrets.get("db#password").asString();
        }
        case "half" -> {
          return secrets.get("k1").asString() + secrets.get("k2").asString();
        }
        case "tick" -> {
          tick.run();
          return "";
        }
        default -> {
          secrets.close();
          return "";
        }
      }
    }
  }

  /** Loads every class of the test's class path itself (not from the application loader), and says what it has. */
  private static final class IsolatedLoader extends URLClassLoader {
    IsolatedLoader() throws MalformedURLException {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      synchronized (getClassLoadingLock(name)) {
        return findLoadedClass(name) != null;
      }
    }

    private static URL[] classPath() throws MalformedURLException {
      List<URL> urls = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        urls.add(new File(entry).toURI().toURL());
      }
      return urls.toArray(URL[]::new);
    }
  }
}
