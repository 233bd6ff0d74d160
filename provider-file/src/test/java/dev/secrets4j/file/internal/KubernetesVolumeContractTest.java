package dev.secrets4j.file.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.test.SecretSourceContract;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** A Kubernetes secret volume (every put a new ..data generation swapped in atomically) held to core's source contract. */
class KubernetesVolumeContractTest extends SecretSourceContract {
  @TempDir
  Path dir;

  @Override
  protected Fixture createFixture() {
    Kube kube = new Kube(dir);
    Map<String, String> values = new LinkedHashMap<>();
    SecretSource src = FileSecretSources.fromUri("file:" + dir, Environment.DEVELOPMENT);
    return new Fixture() {
      @Override
      public SecretSource source() {
        return src;
      }

      @Override
      public void close() {
        src.close();
      }

      @Override
      public void put(String name, String value) throws Exception {
        values.put(name, value);
        kube.publish(values);
      }

      @Override
      public void revoke(String name) throws Exception {
        values.remove(name); // the key is taken out of the Kubernetes Secret
        kube.publish(values);
      }
    };
  }

  @Override
  protected boolean keepsPreviousVersions() {
    return false;
  }
}
