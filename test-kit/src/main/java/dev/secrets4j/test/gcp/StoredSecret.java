package dev.secrets4j.test.gcp;

import com.google.cloud.secretmanager.v1.Secret;
import java.util.ArrayList;
import java.util.List;

/** A secret as Secret Manager keeps it: its resource and its versions, numbered from 1. Guarded by the store. */
final class StoredSecret {
  Secret secret;
  final List<StoredVersion> versions = new ArrayList<>();
  /** Reads of {@code latest} that still answer the version before the newest (eventual consistency). */
  int staleLatestReads;

  StoredSecret(Secret secret) {
    this.secret = secret;
  }

  @Override
  public String toString() {
    return "StoredSecret[" + secret.getName() + ", " + versions.size() + " versions]";
  }
}
