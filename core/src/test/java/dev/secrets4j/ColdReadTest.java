package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.InMemorySecretSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cold read that needs metadata costs one round trip where the store reads metadata with a call of its own. */
class ColdReadTest {
  @RegisterExtension final OpenResolvers open = new OpenResolvers();

  @Test
  void valueAndMetadataCalls_overlap_whenTheSourceReadsMetadataSeparately() {
    // the value call waits until the metadata call has started: made one after the other, it would time out
    SeparateMetadataSource source = new SeparateMetadataSource(true);
    source.store.put("api-key", "v");
    Secrets secrets = open.build(Secrets.builder().environment("development").source(source));
    assertThat(secrets.get("api-key").asString()).isEqualTo("v");
    assertThat(source.calls).containsExactlyInAnyOrder("metadata", "fetch");
    assertThat(source.overlapped).as("the metadata call was in flight during the value call").isTrue();
  }

  @Test
  void metadataComesAfterTheValue_forASourceThatDoesNotSayOtherwise() {
    SeparateMetadataSource source = new SeparateMetadataSource(false);
    source.store.put("api-key", "v");
    Secrets secrets = open.build(Secrets.builder().environment("development").source(source));
    secrets.get("api-key");
    assertThat(source.calls).containsExactly("fetch", "metadata");
  }

  @Test
  void aFailedMetadataCall_failsTheRead_withTheStoresAnswer() {
    SeparateMetadataSource source = new SeparateMetadataSource(true);
    source.store.put("api-key", "v");
    source.metadataFailure = SecretSourceException.accessDenied("api-key", source.id(), "no DescribeSecret", null);
    Secrets secrets = open.build(Secrets.builder().environment("development").source(source));
    assertThatThrownBy(() -> secrets.get("api-key")).isInstanceOf(SecretAccessDeniedException.class)
        .hasMessageContaining("no DescribeSecret");
  }

  @Test
  void metadataSayingDisabled_isRefusedLikeTheStoresNo() {
    InMemorySecretSource store = InMemorySecretSource.create();
    store.put("old-key", "v");
    store.metadata("old-key", SecretMetadata.builder().enabled(false).build());
    Secrets secrets = open.build(Secrets.builder().environment("development").source(store));
    assertThatThrownBy(() -> secrets.get("old-key")).isInstanceOf(SecretUnavailableException.class)
        .hasMessageContaining("disabled in the store");
  }

  /** Records the order of calls; with {@code separate}, the value call waits for the metadata call to start. */
  static final class SeparateMetadataSource implements SecretSource {
    final InMemorySecretSource store = InMemorySecretSource.create();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final boolean separate;
    final CountDownLatch metadataStarted = new CountDownLatch(1);
    volatile boolean overlapped;
    volatile SecretSourceException metadataFailure;

    SeparateMetadataSource(boolean separate) {
      this.separate = separate;
    }

    @Override
    public String id() {
      return "memory:separate-metadata";
    }

    @Override
    public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
      try {
        if (separate) {
          overlapped = metadataStarted.await(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      calls.add("fetch");
      return store.fetch(name, selector);
    }

    @Override
    public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
      calls.add("metadata");
      metadataStarted.countDown();
      if (metadataFailure != null) {
        throw metadataFailure;
      }
      return Optional.of(SecretMetadata.builder().tag("environment", "development").build());
    }

    @Override
    public boolean readsMetadataSeparately() {
      return separate;
    }
  }
}
