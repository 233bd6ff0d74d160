package dev.secrets4j.gcp.internal;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** What an operator or a rotation job does to the store, through the real client: create, add, disable, destroy. */
final class Operator {
  private final SecretManagerServiceClient client;
  private final String parent;

  /** {@code parent}: {@code projects/P} or {@code projects/P/locations/L}. */
  Operator(SecretManagerServiceClient client, String parent) {
    this.client = client;
    this.parent = parent;
  }

  String secret(String id) {
    return parent + "/secrets/" + id;
  }

  /** Creates {@code id} from {@code template} (labels, rotation, expiry). */
  Secret create(String id, Secret template) {
    Secret withReplication = template.hasReplication() ? template : template.toBuilder()
        .setReplication(Replication.newBuilder().setAutomatic(Replication.Automatic.getDefaultInstance())).build();
    return client.createSecret(CreateSecretRequest.newBuilder().setParent(parent).setSecretId(id)
        .setSecret(withReplication).build());
  }

  /** Adds {@code value} as the new latest version of {@code id}, creating the secret if needed; returns its number. */
  String put(String id, String value) {
    try {
      create(id, Secret.getDefaultInstance());
    } catch (AlreadyExistsException e) {
      // an existing secret gets a new version
    }
    byte[] data = value.getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(data);
    SecretVersion v = client.addSecretVersion(AddSecretVersionRequest.newBuilder().setParent(secret(id))
        .setPayload(SecretPayload.newBuilder().setData(ByteString.copyFrom(data)).setDataCrc32C(crc.getValue()))
        .build());
    return v.getName().substring(v.getName().lastIndexOf('/') + 1);
  }

  void disable(String id, String version) {
    client.disableSecretVersion(secret(id) + "/versions/" + version);
  }

  void destroy(String id, String version) {
    client.destroySecretVersion(secret(id) + "/versions/" + version);
  }

  SecretVersion version(String id, String version) {
    return client.getSecretVersion(secret(id) + "/versions/" + version);
  }
}
