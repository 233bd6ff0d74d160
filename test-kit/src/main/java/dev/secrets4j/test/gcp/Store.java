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

  private static final Pattern UNDER_SECRET =
      Pattern.compile("(projects/[^/]+(?:/locations/[^/]+)?/secrets/[^/]+)(/.*)?");
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,63}");

  final Map<String, StoredSecret> secrets = new LinkedHashMap<>();
  /** Whether the caller has a role on the projects: without, a missing secret is PERMISSION_DENIED. */
  boolean projectAccess = true;
  /** Secrets (resource names) whose IAM policy no longer lets the caller in. */
  final java.util.Set<String> denied = new java.util.HashSet<>();
  /** After an add, how many reads of {@code latest} still answer the version before. */
  int latestLag;
  private long seconds = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

  Timestamp now() {
    seconds += 1;
    return Timestamp.newBuilder().setSeconds(seconds).build();
  }

  /**
   * Whether the caller may not touch {@code resource}: its secret's policy lets it no longer in, or (when it has no
   * role on the project) the secret does not exist; the service then answers PERMISSION_DENIED and does not tell.
   */
  boolean refuses(String resource) {
    String secret = secretOf(resource);
    if (secret == null) {
      return false;
    }
    return denied.contains(secret) || (!projectAccess && !secrets.containsKey(secret));
  }

  /** The secret resource name {@code resource} is or lies under, or null. */
  static String secretOf(String resource) {
    Matcher m = UNDER_SECRET.matcher(resource);
    return m.matches() ? m.group(1) : null;
  }

  /** The service's PERMISSION_DENIED for {@code permission} on {@code resource}. */
  static StatusRuntimeException permissionDenied(String permission, String resource) {
    return error(Status.Code.PERMISSION_DENIED, "Permission '" + permission + "' denied for resource '" + resource
        + "' (or it may not exist).");
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
      if (s.staleLatestReads > 0 && s.versions.size() > 1) {
        s.staleLatestReads--;
        return s.versions.get(s.versions.size() - 2);
      }
      return s.versions.get(s.versions.size() - 1);
    }
    long n;
    if (v.chars().allMatch(Character::isDigit) && v.length() <= 18) {
      n = Long.parseLong(v);
    } else if (ALIAS.matcher(v).matches()) {
      Long aliased = s == null ? null : s.secret.getVersionAliasesMap().get(v);
      if (aliased == null) {
        throw error(Status.Code.NOT_FOUND, "Secret Version [" + name + "] not found.");
      }
      n = aliased;
    } else {
      throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: " + name);
    }
    if (s == null || n < 1 || n > s.versions.size()) {
      throw error(Status.Code.NOT_FOUND, "Secret Version [" + name + "] not found.");
    }
    return s.versions.get((int) n - 1);
  }

  /**
   * Checks a secret's version aliases as the service does: names of letters, digits, '-' and '_' (not
   * {@code latest}, not a number), each pointing at an existing version.
   */
  static void checkAliases(StoredSecret s, Map<String, Long> aliases) {
    for (Map.Entry<String, Long> a : aliases.entrySet()) {
      String alias = a.getKey();
      if (!ALIAS.matcher(alias).matches() || alias.equals("latest") || alias.chars().allMatch(Character::isDigit)) {
        throw error(Status.Code.INVALID_ARGUMENT, "Invalid version alias: " + alias);
      }
      long n = a.getValue();
      if (s == null ? n != 0 : n < 1 || n > s.versions.size()) {
        throw error(Status.Code.INVALID_ARGUMENT, "Version alias [" + alias + "] points to version " + n
            + ", which does not exist.");
      }
    }
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
    s.staleLatestReads = latestLag;
    return v;
  }
}
