package dev.secrets4j.test.azure;

import java.util.LinkedHashMap;
import java.util.Map;

/** One version of a Key Vault secret: its id (32 hex digits), value, attributes and tags. Guarded by its secret. */
final class StoredVersion {
  final String id;
  final String value;
  String contentType;
  boolean enabled = true;
  Long nbf;
  Long exp;
  long created;
  long updated;
  final Map<String, String> tags = new LinkedHashMap<>();

  StoredVersion(String id, String value) {
    this.id = id;
    this.value = value;
  }

  @Override
  public String toString() {
    return "StoredVersion[" + id + (enabled ? "" : " disabled") + "]";
  }
}
