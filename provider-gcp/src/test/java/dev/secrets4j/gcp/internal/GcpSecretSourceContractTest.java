package dev.secrets4j.gcp.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.SecretSourceContract;
import dev.secrets4j.test.gcp.LocalSecretManager;

/** The shared source contract, held through the real client against the local server, with a prefix. */
class GcpSecretSourceContractTest extends SecretSourceContract {

  @Override
  protected Fixture createFixture() throws Exception {
    LocalSecretManager server = LocalSecretManager.start();
    SecretSource source = new GcpSecretSourceProvider()
        .create(SourceUri.parse(server.sourceUri("contract-project", "prefix=team-"), Environment.DEVELOPMENT));
    Operator operator = new Operator(server.newClient(), "projects/contract-project");
    return new Fixture() {
      @Override
      public SecretSource source() {
        return source;
      }

      @Override
      public void put(String name, String value) {
        operator.put("team-" + name, value);
      }

      @Override
      public void close() {
        source.close();
        server.close();
      }
    };
  }
}
