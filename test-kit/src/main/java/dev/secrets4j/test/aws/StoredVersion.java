package dev.secrets4j.test.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One immutable value of a stored secret, with the stage labels attached to it. Guarded by the store's lock. */
final class StoredVersion {
  final String id;
  final String string;
  final byte[] binary;
  final Instant created;
  final Set<String> stages = new LinkedHashSet<>();

  StoredVersion(String id, String string, byte[] binary, Instant created) {
    this.id = id;
    this.string = string;
    this.binary = binary;
    this.created = created;
  }

  /** {@code VersionId}, the value ({@code SecretString} or base64 {@code SecretBinary}), stages and creation date. */
  Map<String, Object> valueMembers() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("VersionId", id);
    if (binary != null) {
      out.put("SecretBinary", Base64.getEncoder().encodeToString(binary));
    } else {
      out.put("SecretString", string);
    }
    out.put("VersionStages", new ArrayList<>(stages));
    out.put("CreatedDate", created);
    return out;
  }

  @Override
  public String toString() {
    return "StoredVersion[" + id + " " + stages + "]";
  }
}
