package dev.secrets4j;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The resolvers a test builds, each closed after the test: {@code @RegisterExtension final OpenResolvers open}. */
final class OpenResolvers implements AfterEachCallback {
  private final List<Secrets> open = new ArrayList<>();

  /** Builds {@code b} and keeps the resolver to close it after the test. */
  Secrets build(SecretsBuilder b) {
    Secrets s = b.build();
    open.add(s);
    return s;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    open.forEach(Secrets::close);
    open.clear();
  }
}
