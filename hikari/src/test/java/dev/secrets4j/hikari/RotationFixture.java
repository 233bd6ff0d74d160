package dev.secrets4j.hikari;

import dev.secrets4j.Secrets;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.aws.LocalSecretsManager;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A database role, its credentials secret in the local Secrets Manager, a resolver reading it through the AWS
 * provider with a fake ticker and manual maintenance, and the four steps of a single-user rotation function.
 */
final class RotationFixture implements AutoCloseable {
  final Postgres pg = Postgres.shared();
  final LocalSecretsManager server = LocalSecretsManager.start();
  final SecretsManagerClient store = server.newClient();
  final FakeTicker ticker = new FakeTicker();
  final String role;
  final String secretName;
  final Secrets secrets;
  private final AtomicReference<Runnable> tick = new AtomicReference<>();
  private String pendingToken;

  RotationFixture(String role, String initialPassword) {
    this.role = role + "_" + Long.toHexString(System.nanoTime() & 0xffffffL);
    this.secretName = "db/" + this.role;
    pg.createRole(this.role, initialPassword);
    server.put(secretName, json(initialPassword));
    secrets = Secrets.builder()
        .source("aws-sm://us-east-1?endpoint=" + server.endpoint())
        .environment("development")
        .ticker(ticker)
        .clock(ticker.clock())
        .executor(Runnable::run)
        .manualMaintenance(tick::set)
        .build();
  }

  /** A password with a recognisable canary prefix, searched for in everything the tests saw. */
  static String canaryPassword() {
    return "canary-pw-" + UUID.randomUUID();
  }

  String json(String password) {
    return "{\"username\":\"" + role + "\",\"password\":\"" + password + "\",\"engine\":\"postgres\"}";
  }

  /** Step 1, createSecret: the new password as a version labelled AWSPENDING; AWSCURRENT does not move. */
  void createSecret(String newPassword) {
    pendingToken = UUID.randomUUID().toString();
    store.putSecretValue(r -> r.secretId(secretName).clientRequestToken(pendingToken).secretString(json(newPassword))
        .versionStages(LocalSecretsManager.PENDING));
  }

  /** Step 2, setSecret: the database's password becomes the pending one. */
  void setSecret(String newPassword) {
    pg.setPassword(role, newPassword);
  }

  /** Step 3, testSecret: a direct login with the pending password; null when accepted, else its SQLState. */
  String testSecret(String newPassword) {
    return pg.tryLogin(role, newPassword);
  }

  /** Step 4, finishSecret: AWSCURRENT moves to the pending version (the old one becomes AWSPREVIOUS). */
  void finishSecret() {
    String current = server.versionIdWithStage(secretName, LocalSecretsManager.CURRENT);
    store.updateSecretVersionStage(r -> r.secretId(secretName).versionStage(LocalSecretsManager.CURRENT)
        .moveToVersionId(pendingToken).removeFromVersionId(current));
  }

  /** Moves the resolver's time on by {@code d} and runs one maintenance tick (refresh ahead, on this thread). */
  void advance(java.time.Duration d) {
    ticker.advance(d);
    tick.get().run();
  }

  @Override
  public void close() {
    secrets.close();
    store.close();
    server.close();
  }
}
