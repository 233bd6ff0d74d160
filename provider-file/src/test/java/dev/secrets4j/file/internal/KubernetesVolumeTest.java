package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.Environment;
import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Kubernetes secret volume updated the way the kubelet does it: a new folder, then one atomic ..data swap. */
class KubernetesVolumeTest {
  @TempDir
  Path dir;

  @Test
  void dataLinkSwap_firesExactlyOneRotation_forTheChangedSecretOnly() throws Exception {
    Kube kube = new Kube(dir);
    kube.publish(Map.of("db-password", "old-password", "api-key", "unchanged"));
    FakeTicker ticker = new FakeTicker();
    List<String> rotations = Collections.synchronizedList(new ArrayList<>());
    try (Secrets secrets = Secrets.builder().source("dir:" + dir).environment("development").ticker(ticker)
        .refreshRateLimit(Duration.ZERO).build()) {
      secrets.onRotation((name, oldId, newId) -> rotations.add(name + ":" + oldId + "->" + newId));
      Secret before = secrets.get("db-password");
      String apiKeyVersion = secrets.get("api-key").versionId();
      assertThat(before.asString()).isEqualTo("old-password");

      kube.publish(Map.of("db-password", "new-password", "api-key", "unchanged"));
      ticker.advance(Duration.ofSeconds(2));
      Secret after = secrets.refresh("db-password");
      for (int i = 0; i < 3; i++) {
        ticker.advance(Duration.ofSeconds(2));
        secrets.refresh("db-password");
        secrets.refresh("api-key");
      }

      assertThat(after.asString()).isEqualTo("new-password");
      assertThat(rotations).containsExactly("db-password:" + before.versionId() + "->" + after.versionId());
      assertThat(secrets.get("api-key").versionId()).isEqualTo(apiKeyVersion);
      assertThat(secrets.versions("db-password")).extracting(Secret::asString)
          .containsExactly("new-password", "old-password");
    }
  }

  @Test
  void fileSchemeOnAFolder_readsItAsADirectory_throughTheLinks() throws Exception {
    Kube kube = new Kube(dir);
    kube.publish(Map.of("tls.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n", ".dockerconfigjson", "{\"auths\":{}}"));
    try (SecretSource source = FileSecretSources.fromUri("file:" + dir, Environment.DEVELOPMENT)) {
      assertThat(source.fetch("tls.crt", VersionSelector.CURRENT).valueAsString())
          .isEqualTo("-----BEGIN CERTIFICATE-----\nMIIB\n");
      assertThat(source.fetch(".dockerconfigjson", VersionSelector.CURRENT).valueAsString()).isEqualTo("{\"auths\":{}}");
      assertThat(source.metadata("tls.crt").orElseThrow().lastChanged())
          .contains(Files.getLastModifiedTime(dir.resolve("tls.crt")).toInstant());
    }
  }

  @Test
  void readersDuringRepeatedSwaps_seeOneWholeValueOrTheOther_neverAnError() throws Exception {
    Kube kube = new Kube(dir);
    Map<String, String> a = Map.of("token", "value-a-".repeat(64));
    Map<String, String> b = Map.of("token", "value-b-".repeat(64));
    kube.publish(a);
    SecretSource source = FileSecretSources.fromUri("dir:" + dir, Environment.DEVELOPMENT);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean swapping = new AtomicBoolean(true);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          start.await();
          while (swapping.get()) {
            try {
              seen.add(source.fetch("token", VersionSelector.CURRENT).valueAsString());
            } catch (Exception e) {
              failures.add(e);
            }
          }
          return null;
        }));
      }
      Future<?> swapper = pool.submit(() -> {
        start.await();
        try {
          for (int i = 0; i < 150; i++) {
            kube.publish(i % 2 == 0 ? b : a);
          }
        } finally {
          swapping.set(false);
        }
        return null;
      });
      start.countDown();
      swapper.get(60, TimeUnit.SECONDS);
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      source.close();
    }
    assertThat(failures).isEmpty();
    assertThat(seen).isSubsetOf(a.get("token"), b.get("token")).isNotEmpty();
  }
}
