package dev.secrets4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.secrets4j.hikari.SecretsCredentialsProvider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** With secrets4j-hikari on the class path, Boot's HikariCP pool logs in with the secret and follows its rotation. */
class HikariWiringTest {
  private static final String URL = "jdbc:h2:mem:hikari-wiring;DB_CLOSE_DELAY=-1";
  @TempDir Path folder;
  private final Connection admin = open("sa", "");

  @AfterEach
  void dropDatabase() throws Exception {
    try (Statement s = admin.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  @Test
  void bootsPool_logsInWithTheSecret_andANewPasswordReachesNewConnectionsAfterRotation() throws Exception {
    sql("CREATE USER app PASSWORD 'canary-db-first' ADMIN");
    Fixture f = new Fixture(folder).write(credentials("canary-db-first"));
    try (ConfigurableApplicationContext ctx = f.run(App.class, "--spring.config.import=secrets4j:",
        "--spring.datasource.url=" + URL)) {
      HikariDataSource pool = (HikariDataSource) ctx.getBean(DataSource.class);
      assertThat(pool.getCredentialsProvider()).isInstanceOf(SecretsCredentialsProvider.class);
      assertThat(currentUser(pool)).isEqualTo("APP");

      // the rotation job changes the database, then the store
      sql("ALTER USER app SET PASSWORD 'canary-db-second'");
      f.write(credentials("canary-db-second"));
      f.advance(Duration.ofMinutes(6)); // the refresh sees the rotation; the pool is soft-evicted

      SecretsCredentialsProvider login = (SecretsCredentialsProvider) pool.getCredentialsProvider();
      assertThat(login.getCredentials().getPassword()).as("the login new connections use").isEqualTo("canary-db-second");
      pool.getHikariPoolMXBean().softEvictConnections(); // every connection from here on is a new login
      assertThat(currentUser(pool)).as("a new connection, with the new password").isEqualTo("APP");
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
    }
  }

  @Test
  void aPoolWithItsOwnPassword_isLeftAlone() throws Exception {
    sql("CREATE USER own PASSWORD 'own-password' ADMIN");
    Fixture f = new Fixture(folder).write(credentials("unused"));
    try (ConfigurableApplicationContext ctx = f.run(App.class, "--spring.config.import=secrets4j:",
        "--spring.datasource.url=" + URL, "--spring.datasource.username=own",
        "--spring.datasource.password=own-password")) {
      HikariDataSource pool = (HikariDataSource) ctx.getBean(DataSource.class);
      assertThat(pool.getCredentialsProvider()).isNull();
      assertThat(currentUser(pool)).isEqualTo("OWN");
    }
  }

  private static String credentials(String password) {
    return "DATABASE_CREDENTIALS={\"username\":\"app\",\"password\":\"" + password + "\"}";
  }

  private static String currentUser(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT CURRENT_USER()")) {
      r.next();
      return r.getString(1);
    }
  }

  private void sql(String statement) throws Exception {
    try (Statement s = admin.createStatement()) {
      s.execute(statement);
    }
  }

  private static Connection open(String user, String password) {
    try {
      return DriverManager.getConnection(URL, user, password);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {}
}
