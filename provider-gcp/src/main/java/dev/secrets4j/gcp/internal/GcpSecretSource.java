package dev.secrets4j.gcp.internal;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets from Google Cloud Secret Manager, through the official client.
 *
 * <p>{@code stripe-api-key} is the secret {@code projects/P[/locations/L]/secrets/PREFIXstripe-api-key}. Current is
 * the {@code latest} alias, or the source's {@code alias=}; version ids are the version numbers (a selector may also
 * name an alias); previous is the highest enabled version below
 * the current one. Every payload's CRC32C is checked when the store sends one. A refresh reads payloads
 * ({@code AccessSecretVersion}, the access quota of 90,000 a minute per project); with {@code versionCheck=metadata}
 * a lone secret's refresh asks {@code GetSecretVersion} on {@code latest} first (no payload, but the read quota of
 * 600 a minute per project). The store has no bulk version listing, so there is no bulk change check.
 *
 * <p>The client is created on first use (creating the source does no I/O) and closed with the source when the
 * source created it.
 */
final class GcpSecretSource implements SecretSource {
  private static final Logger LOG = LoggerFactory.getLogger(GcpSecretSource.class);
  private static final List<Quota> QUOTAS = List.of(
      Quota.of("access requests (AccessSecretVersion)", 90_000, java.time.Duration.ofMinutes(1), "project"),
      Quota.of("read requests (metadata, versions, listings)", 600, java.time.Duration.ofMinutes(1), "project"));

  private final GcpSourceSettings settings;
  private final StoreCalls calls;
  private final SecretNames names;
  private final PayloadReader payloads;
  private final PreviousVersionFinder previous;
  private final BatchFetch batch;
  private final MetadataReader metadata;
  private final MetadataListing listing;
  /** The store refused {@code GetSecretVersion}: skip the cheap check from then on. */
  private volatile boolean versionMetadataDenied;

  GcpSecretSource(GcpSourceSettings settings, StoreCalls.ClientFactory factory, boolean ownsClient) {
    this.settings = settings;
    this.calls = new StoreCalls(settings, factory, ownsClient);
    this.names = new SecretNames(settings);
    this.payloads = new PayloadReader(settings, names, calls);
    this.previous = new PreviousVersionFinder(settings, names, calls);
    this.batch = new BatchFetch(settings, calls, payloads);
    this.metadata = new MetadataReader(settings, names, calls, payloads);
    this.listing = new MetadataListing(settings, names, calls);
  }

  @Override
  public boolean keepsVersionHistory() {
    return true;
  }

  @Override
  public String id() {
    return settings.id();
  }

  GcpSourceSettings settings() {
    return settings;
  }

  @Override
  public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    String secret = names.secret(name);
    switch (selector.kind()) {
      case CURRENT:
        return payloads.read(name, SecretNames.version(secret, settings.currentVersion()), SecretVersion.Stage.CURRENT);
      case ID:
        return payloads.read(name, SecretNames.version(secret, names.numberOrAlias(name, selector.versionId())),
            SecretVersion.Stage.OTHER);
      case PREVIOUS:
        long number = previous.find(name, secret);
        return payloads.read(name, SecretNames.version(secret, Long.toString(number)), SecretVersion.Stage.PREVIOUS);
      default:
        throw new IllegalArgumentException("unknown selector " + selector);
    }
  }

  /**
   * The current payloads of many secrets, up to {@value BatchFetch#WINDOW} reads in flight at once. A transient
   * failure fails the batch; any other failure leaves the name out.
   */
  @Override
  public Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
    return batch.fetch(names);
  }

  /**
   * The number of the current ({@code latest} or aliased) version, read with {@code GetSecretVersion}: no payload crosses the wire.
   * A disabled or destroyed latest version is PERMANENT, never its number. When the store says the caller may not
   * read version metadata ({@code PERMISSION_DENIED}), the payload read decides: refused too, that is the store's
   * definitive answer for this secret (ACCESS_DENIED); allowed (a principal with
   * {@code roles/secretmanager.secretAccessor} alone), its number is returned and later checks are empty, so the
   * resolver reads the payload instead.
   */
  @Override
  public Optional<String> currentVersionId(String name) throws SecretSourceException {
    if (settings.versionCheck() == GcpSourceSettings.VersionCheck.ACCESS || versionMetadataDenied) {
      return Optional.empty();
    }
    String resource = SecretNames.version(names.secret(name), settings.currentVersion());
    com.google.cloud.secretmanager.v1.SecretVersion latest = calls.call(name, resource, c -> {
      try {
        return c.getSecretVersion(GetSecretVersionRequest.newBuilder().setName(resource).build());
      } catch (ApiException e) {
        if (e.getStatusCode().getCode() == StatusCode.Code.PERMISSION_DENIED) {
          return null;
        }
        throw e;
      }
    });
    if (latest == null) {
      String id = payloads.accessibleVersionId(name, resource);
      versionMetadataDenied = true;
      LOG.warn("{} may not read version metadata of secret '{}' (GetSecretVersion: PERMISSION_DENIED) but may read "
          + "its value; refreshes now read the payload instead of checking the version first. Grant "
          + "roles/secretmanager.viewer (secretmanager.versions.get) to restore the cheap check", settings.id(), name);
      return Optional.of(id);
    }
    String id = names.idOf(latest.getName(), name, resource);
    requireEnabled(latest, name, resource, id);
    return Optional.of(id);
  }

  /**
   * The secret's create time, labels (the {@code environment} label among them), expire time and rotation
   * settings, and the latest version's create time and state. Two calls: {@code GetSecret} and
   * {@code GetSecretVersion}. A disabled or destroyed latest version is PERMANENT. Empty, with a warning, when the
   * store says the caller may not read secret metadata ({@code PERMISSION_DENIED}) but may read the value: reading
   * values needs only {@code roles/secretmanager.secretAccessor}.
   */
  @Override
  public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    return metadata.read(name, names.secret(name));
  }

  /**
   * The metadata of many secrets from one {@code ListSecrets} (one read request; see {@link MetadataListing}): labels,
   * expiry and rotation settings.
   */
  @Override
  public Map<String, SecretMetadata> metadataAll(Collection<String> names) throws SecretSourceException {
    return listing.metadataAll(names);
  }

  /** Secret Manager's published request quotas, per project. */
  @Override
  public List<Quota> publishedQuotas() {
    return QUOTAS;
  }

  /** Labels and rotation times come from {@code GetSecret}, not with the payload: a call of their own. */
  @Override
  public boolean readsMetadataSeparately() {
    return true;
  }

  /**
   * Fails when version {@code v} (read as {@code resource}) is not enabled.
   *
   * @throws SecretSourceException PERMANENT, naming the state and the fix
   */
  static void requireEnabled(com.google.cloud.secretmanager.v1.SecretVersion v, String name, String resource,
      String id, GcpSourceSettings settings) throws SecretSourceException {
    com.google.cloud.secretmanager.v1.SecretVersion.State state = v.getState();
    if (state == com.google.cloud.secretmanager.v1.SecretVersion.State.ENABLED) {
      return;
    }
    String secret = settings.prefix() + name;
    String fix = state == com.google.cloud.secretmanager.v1.SecretVersion.State.DESTROYED
        ? "a destroyed version cannot come back: add a new version (gcloud secrets versions add " + secret
            + " --project " + settings.project() + " --data-file=FILE)"
        : "enable it (gcloud secrets versions enable " + id + " --secret " + secret + " --project "
            + settings.project() + "), or add a new version";
    throw new SecretSourceException(Kind.PERMANENT, "reading secret '" + name + "' (" + resource + ") from "
        + settings.id() + " failed: version " + id + " is in " + state + " state; " + fix);
  }

  private void requireEnabled(com.google.cloud.secretmanager.v1.SecretVersion v, String name, String resource,
      String id) throws SecretSourceException {
    requireEnabled(v, name, resource, id, settings);
  }

  /** Closes the client if this source made it; waits at most 5 s for calls in flight. Never throws. */
  @Override
  public void close() {
    calls.close();
  }

  @Override
  public String toString() {
    return settings.id();
  }
}
