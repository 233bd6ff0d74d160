package dev.secrets4j.test.gcp;

import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.ByteString;

/** One version: its resource (name, state, times), its payload and the payload's CRC32C. Guarded by the store. */
final class StoredVersion {
  SecretVersion meta;
  ByteString data;
  final long crc32c;

  StoredVersion(SecretVersion meta, ByteString data, long crc32c) {
    this.meta = meta;
    this.data = data;
    this.crc32c = crc32c;
  }

  @Override
  public String toString() {
    return "StoredVersion[" + meta.getName() + " " + meta.getState() + "]";
  }
}
