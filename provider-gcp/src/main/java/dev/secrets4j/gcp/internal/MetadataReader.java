package dev.secrets4j.gcp.internal;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.Timestamp;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret's metadata from {@code GetSecret} (create time, labels, expiry, rotation) and {@code GetSecretVersion}
 * on {@code latest} (when the value last changed, whether it is enabled).
 */
final class MetadataReader {
  private static final Logger LOG = LoggerFactory.getLogger(GcpSecretSource.class);

  private final GcpSourceSettings settings;
  private final SecretNames names;
  private final StoreCalls calls;
  private final PayloadReader payloads;
  /** The store refused {@code GetSecret} once while the value was readable: warned already. */
  private volatile boolean secretMetadataDenied;

  MetadataReader(GcpSourceSettings settings, SecretNames names, StoreCalls calls, PayloadReader payloads) {
    this.settings = settings;
    this.names = names;
    this.calls = calls;
    this.payloads = payloads;
  }

  /**
   * The metadata of {@code name}, whose resource is {@code resource}; empty, with one warning per source, when the
   * store says the caller may not read secret metadata ({@code PERMISSION_DENIED}). The first such refusal is
   * checked with a payload read: refused too, it is the store's definitive answer (ACCESS_DENIED).
   *
   * @throws SecretSourceException the store's failure, mapped; PERMANENT when the latest version is disabled or
   *     destroyed
   */
  Optional<SecretMetadata> read(String name, String resource) throws SecretSourceException {
    Secret secret = calls.call(name, resource, c -> {
      try {
        return c.getSecret(GetSecretRequest.newBuilder().setName(resource).build());
      } catch (ApiException e) {
        if (e.getStatusCode().getCode() == StatusCode.Code.PERMISSION_DENIED) {
          return null;
        }
        throw e;
      }
    });
    String latestResource = SecretNames.version(resource, settings.currentVersion());
    if (secret == null) {
      if (!secretMetadataDenied) {
        payloads.accessibleVersionId(name, latestResource);
        secretMetadataDenied = true;
        LOG.warn("{} may not read metadata of secret '{}' (GetSecret: PERMISSION_DENIED); labels, rotation and "
            + "expiry are unknown, so the environment-label and rotation-age guards cannot check them. Grant "
            + "roles/secretmanager.viewer (secretmanager.secrets.get) to enable them", settings.id(), name);
      }
      return Optional.empty();
    }
    SecretMetadata.Builder b = secretFields(secret);
    if (secret.hasCreateTime()) {
      b.created(instant(secret.getCreateTime()));
    }
    SecretVersion latest = calls.call(name, latestResource, c -> {
      try {
        return c.getSecretVersion(GetSecretVersionRequest.newBuilder().setName(latestResource).build());
      } catch (ApiException e) {
        StatusCode.Code code = e.getStatusCode().getCode();
        if (code == StatusCode.Code.NOT_FOUND || code == StatusCode.Code.PERMISSION_DENIED) {
          return null; // no versions yet, or no right to see them: the secret's own dates only
        }
        throw e;
      }
    });
    if (latest != null) {
      if (latest.hasCreateTime()) {
        b.lastChanged(instant(latest.getCreateTime()));
      }
      GcpSecretSource.requireEnabled(latest, name, latestResource,
          names.idOf(latest.getName(), name, latestResource), settings);
      b.enabled(true);
    }
    return Optional.of(b.build());
  }

  /**
   * What a {@link Secret} itself says: labels, expiry and rotation. Not its creation time, which the caller adds
   * where the latest version's date is known too (a listing has no version dates, and the rotation-age guard would
   * otherwise take the secret's creation for its last change).
   */
  static SecretMetadata.Builder secretFields(Secret secret) {
    SecretMetadata.Builder b = SecretMetadata.builder().tags(secret.getLabelsMap());
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
    return b;
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
