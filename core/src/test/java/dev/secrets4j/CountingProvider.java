package dev.secrets4j;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.InMemorySecretSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provider for scheme {@code counting:} that records every source it creates. */
public final class CountingProvider implements SecretSourceProvider {
  static final List<String> CREATED = new CopyOnWriteArrayList<>();

  @Override
  public Set<String> schemes() {
    return Set.of("counting");
  }

  @Override
  public SecretSource create(SourceUri uri) {
    CREATED.add(uri.redacted());
    InMemorySecretSource s = InMemorySecretSource.create();
    s.put("api-key", "from-" + uri.path());
    return s;
  }
}
