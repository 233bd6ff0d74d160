package dev.secrets4j.gcp.internal;

import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient.ListSecretVersionsPage;
import com.google.protobuf.Timestamp;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets from Google Cloud Secret Manager, through the official client.
 *
 * <p>{@code stripe-api-key} is the secret {@code projects/P[/locations/L]/secrets/PREFIXstripe-api-key}. Current is
 * the {@code latest} alias; version ids are the version numbers; previous is the highest enabled version below
 * the current one. Every payload's CRC32C is checked when the store sends one. The cheap change check is
 * {@code GetSecretVersion} on {@code latest}, which carries no payload.
 *
 * <p>The client is created on first use (creating the source does no I/O) and closed with the source when the
 * source created it.
 */
final class GcpSecretSource implements SecretSource {
  private static final Logger LOG = LoggerFactory.getLogger(GcpSecretSource.class);

  /** Versions listed per page when looking for the previous version. */
  static final int LIST_PAGE_SIZE = 100;
  /** Pages read at most when looking for the previous version: bounds that search to 12 calls. */
  static final int MAX_LIST_PAGES = 10;
  /** Payload reads in flight at once in {@link #fetchAll}. */
  static final int FETCH_ALL_WINDOW = 16;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** Makes the client on first use. */
  interface ClientFactory {
    SecretManagerServiceClient create() throws IOException;
  }

  private final GcpSourceConfig config;
  private final ClientFactory factory;
  private final boolean ownsClient;
  private final Object lock = new Object();
  private volatile SecretManagerServiceClient client;
  private volatile boolean closed;
  /** The store refused {@code GetSecretVersion}: skip the cheap check from then on. */
  private volatile boolean versionMetadataDenied;
  /** The store refused {@code GetSecret} once: warned already. */
  private volatile boolean secretMetadataDenied;

  GcpSecretSource(GcpSourceConfig config, ClientFactory factory, boolean ownsClient) {
    this.config = config;
    this.factory = factory;
    this.ownsClient = ownsClient;
  }

  @Override
  public boolean keepsVersionHistory() {
    return true;
  }

  @Override
  public String id() {
    return config.id;
  }

  GcpSourceConfig config() {
    return config;
  }

  // ------------------------------------------------------------------------------------------- reads

  @Override
  public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    String secret = secretResource(name);
    switch (selector.kind()) {
      case CURRENT:
        return access(name, secret + "/versions/latest", SecretVersion.Stage.CURRENT);
      case ID:
        return access(name, secret + "/versions/" + versionNumber(name, selector.versionId()),
            SecretVersion.Stage.OTHER);
      case PREVIOUS:
        long previous = previousNumber(name, secret);
        return access(name, secret + "/versions/" + previous, SecretVersion.Stage.PREVIOUS);
      default:
        throw new IllegalArgumentException("unknown selector " + selector);
    }
  }

  /**
   * Reads the payloads of many secrets at once: up to {@value #FETCH_ALL_WINDOW} {@code AccessSecretVersion} calls
   * in flight on the client's channel (Secret Manager has no batch read). A transient failure fails the batch;
   * any other failure leaves the name out.
   */
  @Override
  public Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(names));
    Map<String, SecretVersion> result = new LinkedHashMap<>();
    for (int from = 0; from < unique.size(); from += FETCH_ALL_WINDOW) {
      List<String> window = unique.subList(from, Math.min(unique.size(), from + FETCH_ALL_WINDOW));
      Map<String, ApiFuture<AccessSecretVersionResponse>> inFlight = new LinkedHashMap<>();
      Map<String, String> resources = new LinkedHashMap<>();
      for (String name : window) {
        String secret = config.secretId(name);
        if (secret == null) {
          continue; // fetched alone, it reports its own error
        }
        String resource = config.parent() + "/secrets/" + secret + "/versions/latest";
        resources.put(name, resource);
        inFlight.put(name, client(name).accessSecretVersionCallable()
            .futureCall(AccessSecretVersionRequest.newBuilder().setName(resource).build()));
      }
      SecretSourceException failure = null;
      for (Map.Entry<String, ApiFuture<AccessSecretVersionResponse>> f : inFlight.entrySet()) {
        String name = f.getKey();
        String resource = resources.get(name);
        if (failure != null) {
          f.getValue().cancel(true);
          continue;
        }
        try {
          result.put(name, toVersion(name, resource, f.getValue().get(), SecretVersion.Stage.CURRENT));
        } catch (SecretSourceException e) {
          failure = e.kind() == Kind.TRANSIENT ? e : null;
        } catch (ExecutionException e) {
          SecretSourceException mapped = e.getCause() instanceof ApiException
              ? GcpErrors.map((ApiException) e.getCause(), name, resource, config)
              : GcpErrors.unexpected(e.getCause() instanceof RuntimeException
                  ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause()), name, config);
          failure = mapped.kind() == Kind.TRANSIENT ? mapped : null;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          inFlight.values().forEach(pending -> pending.cancel(true));
          throw new SecretSourceException(Kind.TRANSIENT, "reading secrets from " + config.id
              + " was interrupted", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
    return result;
  }

  /**
   * The number of the {@code latest} version, read with {@code GetSecretVersion}: no payload crosses the wire.
   * Empty (the resolver then reads the payload) once the store has said the caller may not read version metadata
   * ({@code PERMISSION_DENIED}: a principal with {@code roles/secretmanager.secretAccessor} alone).
   */
  @Override
  public Optional<String> currentVersionId(String name) throws SecretSourceException {
    if (versionMetadataDenied) {
      return Optional.empty();
    }
    String resource = secretResource(name) + "/versions/latest";
    com.google.cloud.secretmanager.v1.SecretVersion latest;
    try {
      latest = client(name).getSecretVersion(GetSecretVersionRequest.newBuilder().setName(resource).build());
    } catch (ApiException e) {
      if (e.getStatusCode().getCode() == StatusCode.Code.PERMISSION_DENIED) {
        versionMetadataDenied = true;
        LOG.warn("{} may not read version metadata of secret '{}' (GetSecretVersion: PERMISSION_DENIED); refreshes "
            + "now read the payload instead of checking the version first. Grant roles/secretmanager.viewer "
            + "(secretmanager.versions.get) to restore the cheap check", config.id, name);
        return Optional.empty();
      }
      throw GcpErrors.map(e, name, resource, config);
    } catch (RuntimeException e) {
      throw GcpErrors.unexpected(e, name, config);
    }
    String id = versionIdOf(latest.getName(), name, resource);
    requireEnabled(latest, name, id);
    return Optional.of(id);
  }

  /**
   * The secret's create time, labels (the {@code environment} label among them), expire time and rotation
   * settings, and the latest version's create time and state. Two calls: {@code GetSecret} and
   * {@code GetSecretVersion}. Empty, with a warning, when the store says the caller may not read secret metadata
   * ({@code PERMISSION_DENIED}): reading values needs only {@code roles/secretmanager.secretAccessor}.
   */
  @Override
  public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    String resource = secretResource(name);
    Secret secret;
    try {
      secret = client(name).getSecret(GetSecretRequest.newBuilder().setName(resource).build());
    } catch (ApiException e) {
      if (e.getStatusCode().getCode() == StatusCode.Code.PERMISSION_DENIED) {
        if (!secretMetadataDenied) {
          secretMetadataDenied = true;
          LOG.warn("{} may not read metadata of secret '{}' (GetSecret: PERMISSION_DENIED); labels, rotation and "
              + "expiry are unknown, so the environment-label and rotation-age guards cannot check them. Grant "
              + "roles/secretmanager.viewer (secretmanager.secrets.get) to enable them", config.id, name);
        }
        return Optional.empty();
      }
      throw GcpErrors.map(e, name, resource, config);
    } catch (RuntimeException e) {
      throw GcpErrors.unexpected(e, name, config);
    }
    SecretMetadata.Builder b = SecretMetadata.builder().tags(secret.getLabelsMap());
    if (secret.hasCreateTime()) {
      b.created(instant(secret.getCreateTime()));
    }
    if (secret.hasExpireTime()) {
      b.expires(instant(secret.getExpireTime()));
    }
    b.rotationEnabled(secret.hasRotation()
        && (secret.getRotation().hasNextRotationTime() || secret.getRotation().hasRotationPeriod()));
    if (secret.hasRotation() && secret.getRotation().hasNextRotationTime()) {
      b.nextRotation(instant(secret.getRotation().getNextRotationTime()));
    }
    if (secret.hasRotation() && secret.getRotation().hasRotationPeriod()) {
      com.google.protobuf.Duration p = secret.getRotation().getRotationPeriod();
      b.rotationPeriod(Duration.ofSeconds(p.getSeconds(), p.getNanos()));
    }
    String latestResource = resource + "/versions/latest";
    try {
      com.google.cloud.secretmanager.v1.SecretVersion latest =
          client(name).getSecretVersion(GetSecretVersionRequest.newBuilder().setName(latestResource).build());
      if (latest.hasCreateTime()) {
        b.lastChanged(instant(latest.getCreateTime()));
      }
      b.enabled(latest.getState() == com.google.cloud.secretmanager.v1.SecretVersion.State.ENABLED);
    } catch (ApiException e) {
      StatusCode.Code code = e.getStatusCode().getCode();
      if (code != StatusCode.Code.NOT_FOUND && code != StatusCode.Code.PERMISSION_DENIED) {
        throw GcpErrors.map(e, name, latestResource, config);
      }
      // no versions yet, or no right to see them: the secret's own dates only
    } catch (RuntimeException e) {
      throw GcpErrors.unexpected(e, name, config);
    }
    return Optional.of(b.build());
  }


  // ------------------------------------------------------------------------------------------- store calls

  private SecretVersion access(String name, String resource, SecretVersion.Stage stage)
      throws SecretSourceException {
    AccessSecretVersionResponse response;
    try {
      response = client(name).accessSecretVersion(AccessSecretVersionRequest.newBuilder().setName(resource).build());
    } catch (ApiException e) {
      throw GcpErrors.map(e, name, resource, config);
    } catch (RuntimeException e) {
      throw GcpErrors.unexpected(e, name, config);
    }
    return toVersion(name, resource, response, stage);
  }

  private SecretVersion toVersion(String name, String resource, AccessSecretVersionResponse response,
      SecretVersion.Stage stage) throws SecretSourceException {
    String versionId = versionIdOf(response.getName(), name, resource);
    byte[] data = response.getPayload().getData().toByteArray();
    try {
      if (response.getPayload().hasDataCrc32C()) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        if (crc.getValue() != response.getPayload().getDataCrc32C()) {
          throw new SecretSourceException(Kind.TRANSIENT, "reading secret '" + name + "' version " + versionId
              + " from " + config.id + " failed: the payload does not match its CRC32C checksum (corrupted on "
              + "the way); the read will be retried");
        }
      }
      return SecretVersion.of(versionId, data).withStage(stage);
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }

  private com.google.cloud.secretmanager.v1.SecretVersion getVersion(String name, String resource)
      throws SecretSourceException {
    try {
      return client(name).getSecretVersion(GetSecretVersionRequest.newBuilder().setName(resource).build());
    } catch (ApiException e) {
      throw GcpErrors.map(e, name, resource, config);
    } catch (RuntimeException e) {
      throw GcpErrors.unexpected(e, name, config);
    }
  }

  /** The highest enabled version below the current ({@code latest}) one. */
  private long previousNumber(String name, String secret) throws SecretSourceException {
    String latestResource = secret + "/versions/latest";
    long current = Long.parseLong(versionIdOf(getVersion(name, latestResource).getName(), name, latestResource));
    long best = -1;
    ListSecretVersionsRequest request = ListSecretVersionsRequest.newBuilder()
        .setParent(secret).setPageSize(LIST_PAGE_SIZE).setFilter("state:ENABLED").build();
    try {
      int pages = 0;
      for (ListSecretVersionsPage page : client(name).listSecretVersions(request).iteratePages()) {
        pages++;
        for (com.google.cloud.secretmanager.v1.SecretVersion v : page.getValues()) {
          if (v.getState() != com.google.cloud.secretmanager.v1.SecretVersion.State.ENABLED) {
            continue;
          }
          long n = numberOrMinusOne(v.getName());
          if (n < current && n > best) {
            best = n;
          }
        }
        if (best == current - 1) {
          break; // nothing can lie between
        }
        if (pages >= MAX_LIST_PAGES && page.hasNextPage()) {
          throw new SecretSourceException(Kind.PERMANENT, "looking for the previous version of secret '" + name
              + "' in " + config.id + " read " + pages + " pages of " + LIST_PAGE_SIZE
              + " enabled versions without finding it; disable or destroy old versions of " + secret);
        }
      }
    } catch (ApiException e) {
      throw GcpErrors.map(e, name, secret, config);
    } catch (RuntimeException e) {
      throw GcpErrors.unexpected(e, name, config);
    }
    if (best < 0) {
      throw new SecretSourceException(Kind.NOT_FOUND, "secret '" + name + "' has no enabled version before version "
          + current + " in " + config.id + " (" + secret + ")");
    }
    return best;
  }

  // ------------------------------------------------------------------------------------------- names

  /** {@code projects/P[/locations/L]/secrets/PREFIXname}, or PERMANENT when that is no valid secret id. */
  private String secretResource(String name) throws SecretSourceException {
    String id = config.secretId(name);
    if (id == null) {
      throw new SecretSourceException(Kind.PERMANENT, "secret '" + name + "' cannot be read from " + config.id
          + ": '" + config.prefix + name + "' is not a Secret Manager secret id (1 to 255 letters, digits, '-' "
          + "and '_'); rename it");
    }
    return config.parent() + "/secrets/" + id;
  }

  /** A version id as the store numbers it; NOT_FOUND for anything that is not a version number. */
  private String versionNumber(String name, String versionId) throws SecretSourceException {
    try {
      long n = Long.parseLong(versionId);
      if (n > 0) {
        return Long.toString(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SecretSourceException(Kind.NOT_FOUND, "secret '" + name + "' has no version '" + versionId + "' in "
        + config.id + "; Secret Manager numbers versions 1, 2, 3, ...");
  }

  private String versionIdOf(String versionName, String name, String resource) throws SecretSourceException {
    long n = numberOrMinusOne(versionName);
    if (n < 0) {
      throw new SecretSourceException(Kind.PERMANENT, "reading secret '" + name + "' (" + resource + ") from "
          + config.id + " failed: the store answered with version name '" + versionName
          + "', which ends in no version number");
    }
    return Long.toString(n);
  }

  private static long numberOrMinusOne(String versionName) {
    int slash = versionName.lastIndexOf('/');
    String last = versionName.substring(slash + 1);
    if (last.isEmpty() || !last.chars().allMatch(c -> c >= '0' && c <= '9') || last.length() > 18) {
      return -1;
    }
    return Long.parseLong(last);
  }

  private void requireEnabled(com.google.cloud.secretmanager.v1.SecretVersion v, String name, String id)
      throws SecretSourceException {
    if (v.getState() != com.google.cloud.secretmanager.v1.SecretVersion.State.ENABLED) {
      throw new SecretSourceException(Kind.PERMANENT, "reading secret '" + name + "' from " + config.id
          + " failed: its latest version " + id + " is " + v.getState()
          + "; enable it, or add a new version");
    }
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  // ------------------------------------------------------------------------------------------- client

  private SecretManagerServiceClient client(String name) throws SecretSourceException {
    SecretManagerServiceClient c = client;
    if (c != null) {
      return c;
    }
    synchronized (lock) {
      if (closed) {
        throw new SecretSourceException(Kind.PERMANENT, "reading secret '" + name + "' from " + config.id
            + " failed: the source is closed");
      }
      if (client == null) {
        try {
          client = factory.create();
        } catch (IOException e) {
          throw new SecretSourceException(Kind.ACCESS_DENIED, "reading secret '" + name + "' from " + config.id
              + " failed: no Secret Manager client could be made: " + e.getMessage() + "; provide Application "
              + "Default Credentials (gcloud auth application-default login, GOOGLE_APPLICATION_CREDENTIALS, or "
              + "a service account when running on Google Cloud), or inject a client with GcpSecretManager", e);
        }
      }
      return client;
    }
  }

  /** Closes the client if this source made it; waits at most 5 s for calls in flight. Never throws. */
  @Override
  public void close() {
    SecretManagerServiceClient c;
    synchronized (lock) {
      closed = true;
      c = client;
      client = null;
    }
    if (c == null || !ownsClient) {
      return;
    }
    try {
      c.close();
      if (!c.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        c.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.shutdownNow();
    } catch (RuntimeException e) {
      LOG.debug("closing the Secret Manager client of {} failed: {}", config.id, e.getClass().getName());
    }
  }

  @Override
  public String toString() {
    return config.id;
  }
}
