package dev.secrets4j.hikari;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pool under a steady query load (3 threads, at most 200,000 queries and 60 s) against a real PostgreSQL while the
 * password is rotated through the four steps of AWS's single-user rotation in the local Secrets Manager, read
 * through the AWS provider: no query fails.
 */
class PasswordRotationUnderLoadTest {
  private static final Duration STEP_WAIT = Duration.ofSeconds(20);
  private static StderrCapture stderr;

  @BeforeAll
  static void captureLogs() {
    stderr = new StderrCapture();
    Postgres.shared();
  }

  @AfterAll
  static void restoreLogs() {
    stderr.close();
  }

  private static HikariConfig poolConfig(RotationFixture f) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(f.pg.jdbcUrl());
    config.setPoolName("pool-" + f.role);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(4);
    config.setConnectionTimeout(20_000);
    return config;
  }

  @Test
  void rotationThroughTheFourSteps_failsNoQuery_andEveryConnectionEndsOnTheNewPassword() throws Exception {
    String oldPassword = RotationFixture.canaryPassword();
    String newPassword = RotationFixture.canaryPassword();
    CountDownLatch loginRefused = new CountDownLatch(1);
    CountDownLatch rotationFinished = new CountDownLatch(1);
    AtomicInteger pauses = new AtomicInteger();
    try (RotationFixture f = new RotationFixture("app", oldPassword)) {
      SecretsCredentialsProvider provider = SecretsCredentialsProvider.builder(f.secrets)
          .secret(f.secretName)
          .pause(d -> {
            // the pool's login was refused and waits for the next round: the resolver's time moves by the pause,
            // and the round starts once the rotation function has finished (bounded)
            pauses.incrementAndGet();
            f.ticker.advance(d);
            loginRefused.countDown();
            rotationFinished.await(STEP_WAIT.toSeconds(), TimeUnit.SECONDS);
          })
          .build();
      try (HikariDataSource pool = provider.newDataSource(poolConfig(f));
          QueryLoad load = new QueryLoad(pool, 3, 200_000, Duration.ofSeconds(60)).start()) {
        load.awaitMore(200, STEP_WAIT);
        String firstVersion = f.server.versionIdWithStage(f.secretName, "AWSCURRENT");

        f.createSecret(newPassword);
        load.awaitMore(200, STEP_WAIT);
        assertThat(provider.getCredentials().getPassword()).isEqualTo(oldPassword);

        long changedAt = f.pg.nowMicros();
        f.setSecret(newPassword);
        // new connections now meet a database that has the new password while the store's current is the old one
        pool.getHikariPoolMXBean().softEvictConnections();
        assertThat(loginRefused.await(STEP_WAIT.toSeconds(), TimeUnit.SECONDS))
            .as("a new connection's login was refused and is being retried").isTrue();

        assertThat(f.testSecret(newPassword)).isNull();
        f.finishSecret();
        rotationFinished.countDown();
        load.awaitMore(500, STEP_WAIT);

        assertThat(awaitOnlySessionsSince(f, pool, changedAt)).as("sessions from before the change").isZero();
        assertThat(provider.getCredentials().getPassword()).isEqualTo(newPassword);
        assertThat(f.secrets.versions(f.secretName)).extracting(s -> s.versionId()).endsWith(firstVersion);

        // the old password is revoked: refused by the database, and whatever it had opened is ended
        assertThat(f.pg.tryLogin(f.role, oldPassword)).isEqualTo("28P01");
        assertThat(f.pg.adminLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '"
            + f.role + "' AND backend_start < to_timestamp(" + changedAt + " / 1000000.0)")).isZero();
        long revokedAt = f.pg.nowMicros();
        pool.getHikariPoolMXBean().softEvictConnections();
        load.awaitMore(500, STEP_WAIT);
        assertThat(awaitOnlySessionsSince(f, pool, revokedAt)).isZero();

        assertThat(load.failures()).as("failed queries").isEmpty();
        assertThat(load.queries()).isGreaterThanOrEqualTo(1_400);
        assertThat(pauses.get()).as("rounds that waited").isBetween(1, 5);
      }
    }
    assertThat(stderr.text()).doesNotContain(oldPassword).doesNotContain(newPassword);
  }

  @Test
  void storeAheadOfTheDatabase_thePreviousVersionBridges_thenTheCurrentOneOnceTheDatabaseHasIt() throws Exception {
    String oldPassword = RotationFixture.canaryPassword();
    String newPassword = RotationFixture.canaryPassword();
    AtomicInteger pauses = new AtomicInteger();
    try (RotationFixture f = new RotationFixture("ahead", oldPassword)) {
      SecretsCredentialsProvider provider = SecretsCredentialsProvider.builder(f.secrets)
          .secret(f.secretName)
          .pause(d -> {
            pauses.incrementAndGet();
            f.ticker.advance(d);
          })
          .build();
      try (HikariDataSource pool = provider.newDataSource(poolConfig(f));
          QueryLoad load = new QueryLoad(pool, 3, 200_000, Duration.ofSeconds(60)).start()) {
        load.awaitMore(200, STEP_WAIT);

        // the store moves first: a new current version the database does not have yet
        f.store.putSecretValue(r -> r.secretId(f.secretName).secretString(f.json(newPassword)));
        long rotatedAt = f.pg.nowMicros();
        f.advance(Duration.ofMinutes(6)); // refresh ahead sees the rotation; the pool is soft-evicted
        load.awaitMore(500, STEP_WAIT);
        assertThat(awaitOnlySessionsSince(f, pool, rotatedAt)).as("sessions from before the rotation").isZero();
        assertThat(provider.getCredentials().getPassword()).as("the version the database accepts")
            .isEqualTo(oldPassword);

        // the database catches up: new logins move to the current version
        long changedAt = f.pg.nowMicros();
        f.setSecret(newPassword);
        pool.getHikariPoolMXBean().softEvictConnections();
        load.awaitMore(500, STEP_WAIT);
        assertThat(awaitOnlySessionsSince(f, pool, changedAt)).isZero();
        assertThat(provider.getCredentials().getPassword()).isEqualTo(newPassword);

        assertThat(load.failures()).as("failed queries").isEmpty();
        assertThat(pauses.get()).as("every refusal was answered by the other version at once").isZero();
      }
    }
    assertThat(stderr.text()).doesNotContain(oldPassword).doesNotContain(newPassword);
  }

  /**
   * Polls (bounded, 20 s) until every session of the role started after {@code sinceMicros} and at least one exists;
   * returns how many older ones remain.
   */
  /**
   * Waits until every session of the pool's role began at or after {@code sinceMicros}. HikariCP's soft eviction
   * marks the connections the pool holds; one whose login was still in flight when it ran joins the pool unmarked
   * and would live to its max lifetime, so half-way through the wait the pool is soft-evicted once more, as an
   * operator's second eviction (or the next rotation) would. Its session is still valid: PostgreSQL keeps sessions
   * open across a password change.
   */
  private static long awaitOnlySessionsSince(RotationFixture f, HikariDataSource pool, long sinceMicros)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + STEP_WAIT.toNanos();
    boolean evictedAgain = false;
    long[] s = f.pg.sessions(f.role, sinceMicros);
    while ((s[0] > 0 || s[1] == 0) && System.nanoTime() < deadline) {
      if (!evictedAgain && s[0] > 0 && System.nanoTime() - start > STEP_WAIT.toNanos() / 2) {
        pool.getHikariPoolMXBean().softEvictConnections();
        evictedAgain = true;
      }
      Thread.sleep(10); // polls a condition; the bound is the deadline
      s = f.pg.sessions(f.role, sinceMicros);
    }
    return s[0];
  }
}
