package dev.secrets4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.SecretSourceContract;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class EnvSecretSourceTest extends SecretSourceContract {
  private final Map<String, String> env = new ConcurrentHashMap<>();

  @Override
  protected Fixture createFixture() {
    EnvSecretSource src = new EnvSecretSource(env, "MYAPP_");
    return new Fixture() {
      @Override
      public SecretSource source() {
        return src;
      }

      @Override
      public void put(String name, String value) {
        env.put(src.variableFor(name), value);
      }
    };
  }

  @Override
  protected boolean keepsPreviousVersions() {
    return false;
  }

  @Test
  void names_mapToUpperCaseVariables_withThePrefix() throws Exception {
    env.put("MYAPP_STRIPE_API_KEY", "from-ci");
    EnvSecretSource src = new EnvSecretSource(env, "MYAPP_");
    assertThat(src.variableFor("stripe-api-key")).isEqualTo("MYAPP_STRIPE_API_KEY");
    assertThat(src.variableFor("db.password")).isEqualTo("MYAPP_DB_PASSWORD");
    assertThat(src.fetch("stripe-api-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("from-ci");
  }
}
