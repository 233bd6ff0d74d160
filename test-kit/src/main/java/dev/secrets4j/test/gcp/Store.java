package dev.secrets4j.test.gcp;

import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The secrets of one local server by resource name, their lookups with the service's errors, and a clock that moves
 * one second per write. Callers hold this object's monitor.
 */
final class Store {
  private static final Pattern SECRET = Pattern.compile("projects/[^/]+(?:/locations/[^/]+)?/secrets/[^/]+");
  private static final Pattern VERSION = Pattern.compile(
      "(projects/[^/]+(?:/locations/[^/]+)?/secrets/[^/]+)/versions/([^/]+)");

  final Map<String, StoredSecret> secrets = new LinkedHashMap<>();
  private long seconds = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

  Timestamp now() {
    seconds += 1;
    return Timestamp.newBuilder().setSeconds(seconds).build();
  }

  static StatusRuntimeException error(Status.Code code, String description) {
    return Status.fromCode(code).withDescription(description).asRuntimeException();
  }

  static long crc32c(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    return c.getValue();
  }

  /** The secret {@code name} ({@code projects/P/secrets/S}) names: {@code NOT_FOUND} if there is none. */
  StoredSecret secret(String name) {
    if (!SECRET.matcher(name).matches()) {
      throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: " + name);
    }
    StoredSecret s = secrets.get(name);
    if (s == null) {
      throw error(Status.Code.NOT_FOUND, "Secret [" + name + "] not found.");
    }
    return s;
  }

  /** The version a name points at: a number, or {@code latest} (the newest, whatever its state). */
  StoredVersion version(String name) {
    Matcher m = VERSION.matcher(name);
    if (!m.matches()) {
      throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: " + name);
    }
    StoredSecret s = secrets.get(m.group(1));
    String v = m.group(2);
    if (v.equals("latest")) {
      if (s == null || s.versions.isEmpty()) {
        throw error(Status.Code.NOT_FOUND, "Secret [" + m.group(1) + "] not found or has no versions.");
      }
      return s.versions.get(s.versions.size() - 1);
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: " + name);
    }
    if (s == null || n < 1 || n > s.versions.size()) {
      throw error(Status.Code.NOT_FOUND, "Secret Version [" + name + "] not found.");
    }
    return s.versions.get(n - 1);
  }

  /** Creates {@code name} from {@code template}, with automatic replication when the template names none. */
  StoredSecret create(String name, Secret template) {
    Secret.Builder b = template.toBuilder().setName(name).setCreateTime(now());
    if (!template.hasReplication()) {
      b.setReplication(Replication.newBuilder().setAutomatic(Replication.Automatic.getDefaultInstance()));
    }
    StoredSecret s = new StoredSecret(b.build());
    secrets.put(name, s);
    return s;
  }

  /** Adds an enabled version holding {@code data} as the newest of {@code s}. */
  StoredVersion add(StoredSecret s, ByteString data, boolean clientChecksum) {
    SecretVersion meta = SecretVersion.newBuilder()
        .setName(s.secret.getName() + "/versions/" + (s.versions.size() + 1))
        .setCreateTime(now())
        .setState(SecretVersion.State.ENABLED)
        .setClientSpecifiedPayloadChecksum(clientChecksum)
        .build();
    StoredVersion v = new StoredVersion(meta, data, crc32c(data.toByteArray()));
    s.versions.add(v);
    return v;
  }
}
