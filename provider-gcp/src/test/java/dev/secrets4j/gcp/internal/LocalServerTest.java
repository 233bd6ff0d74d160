package dev.secrets4j.gcp.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.gcp.LocalSecretManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test with a fresh local Secret Manager per test: {@link #server}, an {@link #operator} that writes to it as
 * an administrator would, and a {@link #source} created through the provider for {@link #project}.
 */
abstract class LocalServerTest {
  protected final String project;
  protected LocalSecretManager server;
  protected Operator operator;
  protected SecretSource source;

  LocalServerTest(String project) {
    this.project = project;
  }

  @BeforeEach
  void start() throws Exception {
    server = LocalSecretManager.start();
    operator = new Operator(server.newClient(), "projects/" + project);
    source = source("");
  }

  @AfterEach
  void stop() throws Exception {
    source.close();
    server.close();
  }

  /**
   * A source for {@link #project} with extra URI parameters ({@code "prefix=team-a-"}); with
   * {@code versionCheck=metadata} unless they say otherwise, so that the cheap check's paths are tested.
   */
  protected SecretSource source(String params) {
    String p = params.contains("versionCheck=") ? params
        : params.isEmpty() ? "versionCheck=metadata" : "versionCheck=metadata&" + params;
    return new GcpSecretSourceProvider().create(SourceUri.parse(server.sourceUri(project, p), Environment.DEVELOPMENT));
  }
}
