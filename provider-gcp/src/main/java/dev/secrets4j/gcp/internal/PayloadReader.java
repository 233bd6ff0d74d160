package dev.secrets4j.gcp.internal;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Reads payloads with {@code AccessSecretVersion} and checks each one's CRC32C when the store sends one. */
final class PayloadReader {
  private final GcpSourceSettings settings;
  private final SecretNames names;
  private final StoreCalls calls;

  PayloadReader(GcpSourceSettings settings, SecretNames names, StoreCalls calls) {
    this.settings = settings;
    this.names = names;
    this.calls = calls;
  }

  /**
   * The version {@code resource} names (a number or an alias), as {@code stage}.
   *
   * @throws SecretSourceException the store's failure, mapped; TRANSIENT for a payload that fails its checksum
   */
  SecretVersion read(String name, String resource, SecretVersion.Stage stage) throws SecretSourceException {
    AccessSecretVersionResponse response = calls.call(name, resource,
        c -> c.accessSecretVersion(AccessSecretVersionRequest.newBuilder().setName(resource).build()));
    return toVersion(name, resource, response, stage);
  }

  /**
   * The number of the version {@code resource} names, read with {@code AccessSecretVersion} when the caller may not
   * read version metadata: the payload crosses the wire but is not copied or kept.
   *
   * @throws SecretSourceException the store's failure, mapped: its definitive answer for a caller that may not
   *     read the value either
   */
  String accessibleVersionId(String name, String resource) throws SecretSourceException {
    AccessSecretVersionResponse response = calls.call(name, resource,
        c -> c.accessSecretVersion(AccessSecretVersionRequest.newBuilder().setName(resource).build()));
    return names.idOf(response.getName(), name, resource);
  }

  /**
   * The version in {@code response}, its payload checked.
   *
   * @throws SecretSourceException TRANSIENT for a payload that fails its checksum
   */
  SecretVersion toVersion(String name, String resource, AccessSecretVersionResponse response,
      SecretVersion.Stage stage) throws SecretSourceException {
    String versionId = names.idOf(response.getName(), name, resource);
    byte[] data = response.getPayload().getData().toByteArray();
    try {
      if (response.getPayload().hasDataCrc32C()) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        if (crc.getValue() != response.getPayload().getDataCrc32C()) {
          throw new SecretSourceException(Kind.TRANSIENT, "reading secret '" + name + "' version " + versionId
              + " from " + settings.id() + " failed: the payload does not match its CRC32C checksum (corrupted on "
              + "the way); the read will be retried");
        }
      }
      return SecretVersion.of(versionId, data).withStage(stage);
    } finally {
      Arrays.fill(data, (byte) 0);
    }
  }
}
