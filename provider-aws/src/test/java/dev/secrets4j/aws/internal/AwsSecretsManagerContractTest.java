package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.test.SecretSourceContract;

/** The shared source contract, through the SDK, against the local Secrets Manager. */
class AwsSecretsManagerContractTest extends SecretSourceContract {

  @Override
  protected Fixture createFixture() {
    LocalStore store = new LocalStore();
    SecretSource source = store.source("development/");
    return new Fixture() {
      @Override
      public SecretSource source() {
        return source;
      }

      @Override
      public void put(String name, String value) {
        store.put("development/" + name, value);
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }
}
