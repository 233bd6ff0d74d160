package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A {@link SecretSource} over AWS Secrets Manager. The logical name {@code stripe-api-key} is the secret
 * {@code prefix + name}. Values come from {@link SingleReads} ({@code GetSecretValue}) and {@link BatchReads}
 * ({@code BatchGetSecretValue}); the current version id and metadata from {@link DescribeReads}
 * ({@code DescribeSecret}); the metadata of many from {@link MetadataListing} and, with {@code versionCheck=list},
 * which of many changed from {@link ListingCheck} (both {@code ListSecrets}).
 */
final class AwsSecretsManagerSource implements SecretSource {
  private static final Logger LOG = LoggerFactory.getLogger(AwsSecretsManagerSource.class);

  private final SecretsManagerCalls calls;
  private final boolean ownsClient;
  private final SdkAutoCloseable ownedCredentials;
  private final SingleReads single;
  private final BatchReads batch;
  private final DescribeReads describe;
  private final MetadataListing listing;
  private final ListingCheck listingCheck;

  AwsSecretsManagerSource(SecretsManagerClient client, boolean ownsClient, SdkAutoCloseable ownedCredentials,
      AwsSourceSettings settings, Clock clock) {
    this.calls = new SecretsManagerCalls(client, settings, clock);
    this.ownsClient = ownsClient;
    this.ownedCredentials = ownedCredentials;
    this.describe = new DescribeReads(calls);
    this.single = new SingleReads(calls, describe);
    this.batch = new BatchReads(calls, single);
    this.listing = new MetadataListing(calls);
    this.listingCheck = new ListingCheck(calls, clock);
  }

  @Override
  public String id() {
    return calls.id();
  }

  SecretsManagerClient client() {
    return calls.client;
  }

  @Override
  public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    return single.fetch(name, selector);
  }

  /**
   * True: Secrets Manager keeps the replaced version under {@code AWSPREVIOUS}, so the previous version is best
   * asked of the store (an operator may have taken the stage off a leaked version).
   */
  @Override
  public boolean keepsVersionHistory() {
    return true;
  }

  /** Tags come from {@code DescribeSecret}, not with {@code GetSecretValue}: a cold read makes both at once. */
  @Override
  public boolean readsMetadataSeparately() {
    return true;
  }

  @Override
  public Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
    return batch.fetchAll(names);
  }

  /**
   * Empty by default (the resolver reads the value, which proves the caller may still read and decrypt it); with
   * {@code versionCheck=describe}, the {@code AWSCURRENT} id from {@code DescribeSecret} while the value was read
   * within {@code confirmEvery}. A secret scheduled for deletion fails PERMANENT.
   */
  @Override
  public Optional<String> currentVersionId(String name) throws SecretSourceException {
    return describe.currentVersionId(name);
  }

  /**
   * With {@code versionCheck=list}: the {@code AWSCURRENT} ids of the secrets one {@code ListSecrets} listing vouches
   * for (value read within {@code confirmEvery}, not scheduled for deletion); empty otherwise.
   */
  @Override
  public Map<String, String> currentVersionIds(Collection<String> names) throws SecretSourceException {
    return listingCheck.currentVersionIds(names);
  }

  /** Secrets Manager's published request quotas, per region and account. */
  @Override
  public List<Quota> publishedQuotas() {
    return SecretsManagerQuotas.PUBLISHED;
  }

  @Override
  public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    return describe.metadata(name);
  }

  @Override
  public Map<String, SecretMetadata> metadataAll(Collection<String> names) throws SecretSourceException {
    return listing.metadataAll(names);
  }

  /** Closes the client if this source owns it (always when created from a URI), and its credentials provider. */
  @Override
  public void close() {
    if (!calls.close()) {
      return;
    }
    try {
      if (ownsClient) {
        calls.client.close();
      }
    } catch (RuntimeException e) {
      LOG.warn("closing the Secrets Manager client of {} failed: {}", id(), e.getClass().getName());
    }
    try {
      if (ownedCredentials != null) {
        ownedCredentials.close();
      }
    } catch (RuntimeException e) {
      LOG.warn("closing the credentials provider of {} failed: {}", id(), e.getClass().getName());
    }
  }

  @Override
  public String toString() {
    return "AwsSecretsManagerSource[" + id() + "]";
  }
}
