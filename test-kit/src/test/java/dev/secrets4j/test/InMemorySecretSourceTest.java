package dev.secrets4j.test;

import dev.secrets4j.spi.SecretSource;

class InMemorySecretSourceTest extends SecretSourceContract {
  @Override
  protected Fixture createFixture() {
    InMemorySecretSource src = InMemorySecretSource.create();
    return new Fixture() {
      @Override
      public SecretSource source() {
        return src;
      }

      @Override
      public void put(String name, String value) {
        src.put(name, value);
      }
    };
  }
}
