package dev.secrets4j.test.azure;

import java.util.ArrayList;
import java.util.List;

/**
 * A Key Vault secret: its name as first written and its versions, oldest first, and when soft-deleted, the deletion
 * and scheduled purge times (epoch seconds; 0 while live). Its monitor guards the versions; the vault's, the dates.
 */
final class StoredSecret {
  final String name;
  final List<StoredVersion> versions = new ArrayList<>();
  volatile long deletedDate;
  volatile long scheduledPurgeDate;

  StoredSecret(String name) {
    this.name = name;
  }

  synchronized StoredVersion latest() {
    return versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  synchronized StoredVersion find(String id) {
    for (StoredVersion v : versions) {
      if (v.id.equalsIgnoreCase(id)) {
        return v;
      }
    }
    return null;
  }

  synchronized void add(StoredVersion v) {
    versions.add(v);
  }

  synchronized List<StoredVersion> snapshot() {
    return new ArrayList<>(versions);
  }

  @Override
  public String toString() {
    return "StoredSecret[" + name + "]";
  }
}
