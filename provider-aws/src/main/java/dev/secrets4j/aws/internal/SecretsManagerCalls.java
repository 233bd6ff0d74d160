package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretVersion;

import dev.secrets4j.spi.SecretSourceException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What every read of one source shares: the SDK client, the settings, and whether the source is closed. The
 * readers ({@link SingleReads}, {@link BatchReads}, {@link DescribeReads}, {@link MetadataListing}) call the
 * store through it.
 */
final class SecretsManagerCalls {
  final SecretsManagerClient client;
  final AwsSourceSettings settings;
  final ValueConfirmations confirmations;
  private final AtomicBoolean closed = new AtomicBoolean();

  SecretsManagerCalls(SecretsManagerClient client, AwsSourceSettings settings, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.confirmations = new ValueConfirmations(clock, settings.confirmEvery());
  }

  /** The source id. */
  String id() {
    return settings.id();
  }

  /** The Secrets Manager secret id of the logical {@code name}. */
  String secretId(String name) {
    return settings.secretId(name);
  }

  /**
   * Fails once the source is closed.
   *
   * @throws SecretSourceException PERMANENT, naming {@code name} and the source
   */
  void checkOpen(String name) throws SecretSourceException {
    if (closed.get()) {
      throw SecretSourceException.permanent(name, id(), "the source is closed", null);
    }
  }

  /** Marks the source closed; true the first time only. */
  boolean close() {
    return closed.compareAndSet(false, true);
  }

  /**
   * {@code v}, noting the replica region that answered the calling thread's last call when a fallback region did
   * ({@code fallbackRegions=}): the resolver audits it.
   */
  SecretVersion noteReplica(SecretVersion v) {
    if (client instanceof RegionFailover failover) {
      String region = failover.replicaOfLastCall();
      if (region != null) {
        return v.withOrigin("replica region " + region + " (primary " + settings.region() + " failing)");
      }
    }
    return v;
  }
}
