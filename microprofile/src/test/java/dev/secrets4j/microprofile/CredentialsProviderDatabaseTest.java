package dev.secrets4j.microprofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.secrets4j.SecretNotFoundException;
import dev.secrets4j.test.InMemorySecretSource;
import dev.secrets4j.test.Secrets4jTest;
import dev.secrets4j.test.TestSecrets;
import io.quarkus.credentials.CredentialsProvider;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credentials provider against a real database: H2 in memory, with a user whose password the test changes with
 * {@code ALTER USER}, as a rotation job would, while the store gets the new version.
 */
@Secrets4jTest
class CredentialsProviderDatabaseTest {
  private static final String FIRST = "canary-first-8d1c2e";
  private static final String SECOND = "canary-second-40fb77";

  private String url;
  private Connection admin;

  @BeforeEach
  void database() throws SQLException {
    // the admin connection stays open for the whole test, so the in-memory database lives until @AfterEach
    url = "jdbc:h2:mem:credentials-" + UUID.randomUUID();
    admin = DriverManager.getConnection(url, "sa", "admin-only");
    try (Statement s = admin.createStatement()) {
      s.execute("CREATE USER APP PASSWORD '" + FIRST + "'");
    }
  }

  @AfterEach
  void close() throws SQLException {
    try (Statement s = admin.createStatement()) {
      s.execute("SHUTDOWN");
    }
    admin.close();
  }

  private static String json(String password) {
    return "{\"username\":\"APP\",\"password\":\"" + password + "\"}";
  }

  private Connection connect(Map<String, String> credentials) throws SQLException {
    return DriverManager.getConnection(url, credentials.get(CredentialsProvider.USER_PROPERTY_NAME),
        credentials.get(CredentialsProvider.PASSWORD_PROPERTY_NAME));
  }

  private static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void nextConnection_usesTheRotatedPassword(TestSecrets t) throws SQLException {
    t.put("database-credentials", json(FIRST));
    CredentialsProvider provider = new Secrets4jCredentialsProvider(t.secrets());
    try (Connection c = connect(provider.getCredentials("database-credentials"))) {
      assertThat(selectOne(c)).isEqualTo(1);
    }

    try (Statement s = admin.createStatement()) {
      s.execute("ALTER USER APP SET PASSWORD '" + SECOND + "'");
    }
    t.rotate("database-credentials", json(SECOND));
    Throwable beforeRefresh = catchThrowable(() -> connect(provider.getCredentials("database-credentials")).close());
    assertThat(beforeRefresh).isInstanceOf(SQLException.class);
    t.advance(Duration.ofMinutes(6));

    Map<String, String> rotated = provider.getCredentials("database-credentials");
    try (Connection c = connect(rotated)) {
      assertThat(selectOne(c)).isEqualTo(1);
    }
    assertThat(rotated).containsEntry(CredentialsProvider.USER_PROPERTY_NAME, "APP");
    t.assertNoLeak(FIRST, beforeRefresh);
    t.assertNoLeak(SECOND, beforeRefresh);
  }

  @Test
  void aMissingField_isAnErrorNamingTheSecretAndNoValue(TestSecrets t) {
    t.put("database-credentials", "{\"username\":\"APP\",\"pass\":\"" + FIRST + "\"}");
    CredentialsProvider provider = new Secrets4jCredentialsProvider(t.secrets());

    Throwable thrown = catchThrowable(() -> provider.getCredentials("database-credentials"));

    assertThat(thrown).isInstanceOf(SecretNotFoundException.class)
        .hasMessageContaining("database-credentials").hasMessageContaining("'password'");
    t.assertNoLeak(FIRST, thrown);
    assertThat(provider.toString()).doesNotContain(FIRST);
  }

  @Test
  void theCdiBean_readsThroughTheResolverOfTheApplicationsConfiguration() throws SQLException {
    String store = "cdi-" + UUID.randomUUID();
    InMemorySecretSource.named(store).put("database-credentials", json(FIRST));
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withSources(new PropertiesConfigSource(Map.of("secrets4j.source", "memory:" + store,
            "secrets4j.environment", "development", "secrets4j.audit.slf4j", "false"), "application.properties", 250))
        .build();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    ConfigProviderResolver.instance().registerConfig(config, loader);
    try {
      CredentialsProvider bean = new Secrets4jCredentialsProvider();
      try (Connection c = connect(bean.getCredentials("database-credentials"))) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      bean.getCredentials("database-credentials");
      assertThat(InMemorySecretSource.named(store).fetchCount()).isEqualTo(1);
    } finally {
      ConfigProviderResolver.instance().releaseConfig(config);
    }
  }
}
