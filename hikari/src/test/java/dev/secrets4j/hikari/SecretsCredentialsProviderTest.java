package dev.secrets4j.hikari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder's checks, configure's refusals, the retry schedule and what counts as a refused login. */
class SecretsCredentialsProviderTest {

  @Test
  void retrySchedule_doublesFromTheInitialPause_cappedAtTheMax() {
    LoginRetry retry = LoginRetry.DEFAULT;
    assertThat(retry.pauseBefore(1)).isZero();
    assertThat(retry.pauseBefore(2)).isEqualTo(Duration.ofMillis(250));
    assertThat(retry.pauseBefore(3)).isEqualTo(Duration.ofMillis(500));
    assertThat(retry.pauseBefore(6)).isEqualTo(Duration.ofSeconds(4));
    assertThat(retry.pauseBefore(60)).isEqualTo(Duration.ofSeconds(4));
    assertThat(retry.budget()).isEqualTo(Duration.ofMillis(7_750));
  }

  @Test
  void refusedLogin_isSqlStateClass28_anywhereInTheChain() {
    assertThat(LoginFailures.isLoginRefused(new SQLException("x", "28P01"))).isTrue();
    assertThat(LoginFailures.isLoginRefused(new SQLException("x", "28000"))).isTrue();
    assertThat(LoginFailures.isLoginRefused(new SQLException("x", "08001", new SQLException("y", "28P01"))))
        .isTrue();
    assertThat(LoginFailures.isLoginRefused(new SQLNonTransientConnectionException("refused", "08001"))).isFalse();
    assertThat(LoginFailures.isLoginRefused(new SQLException("no state"))).isFalse();
  }

  @Test
  void driverMessageQuotingAPassword_isNotChained() {
    Login tried = new Login("v1", "app", "canary-pw-1");
    assertThat(LoginFailures.safeToChain(new SQLException("bad password canary-pw-1", "28P01"),
        java.util.List.of(tried))).isFalse();
    assertThat(LoginFailures.safeToChain(new SQLException("password authentication failed for user app", "28P01"),
        java.util.List.of(tried))).isTrue();
    assertThat(tried.toString()).doesNotContain("canary-pw-1");
  }

  @Test
  void builderAndConfigure_refuseMistakes() {
    try (RotationFixture f = new RotationFixture("config", RotationFixture.canaryPassword())) {
      assertThatThrownBy(() -> SecretsCredentialsProvider.builder(f.secrets).secret("db#password"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole JSON secret");
      assertThatThrownBy(() -> SecretsCredentialsProvider.builder(f.secrets).secret("a").secret("b"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("secret was already set to a");
      assertThatThrownBy(() -> SecretsCredentialsProvider.builder(f.secrets)
          .loginRetry(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);

      SecretsCredentialsProvider provider = SecretsCredentialsProvider.builder(f.secrets).secret(f.secretName).build();
      assertThat(provider.toString()).isEqualTo(
          "SecretsCredentialsProvider[secret=" + f.secretName + ", fields=username,password]");

      HikariConfig withPassword = new HikariConfig();
      withPassword.setJdbcUrl(f.pg.jdbcUrl());
      withPassword.setPassword("static");
      assertThatThrownBy(() -> provider.configure(withPassword)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has a password set").hasMessageNotContaining("static");

      assertThatThrownBy(() -> provider.configure(new HikariConfig()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a jdbcUrl or a dataSource");

      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(f.pg.jdbcUrl());
      assertThat(provider.configure(config)).isSameAs(config);
      assertThat(config.getCredentialsProvider()).isSameAs(provider);
      assertThatThrownBy(() -> provider.configure(config)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already reads its credentials");
      assertThat(provider.getCredentials().getUsername()).isEqualTo(f.role);
    }
  }
}
