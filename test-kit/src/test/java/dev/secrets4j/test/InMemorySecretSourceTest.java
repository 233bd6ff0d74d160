package dev.secrets4j.test;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;

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

      @Override
      public void revoke(String name) {
        src.delete(name);
      }

      @Override
      public void outage(boolean failing) {
        if (failing) {
          src.failWith(SecretSourceException.Kind.TRANSIENT);
        } else {
          src.recover();
        }
      }
    };
  }
}
