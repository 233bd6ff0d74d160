package dev.secrets4j.file.internal;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last parse of one file, kept until the file changes, so that a read costs a {@code stat} and a map lookup
 * whatever the file's size. A change is seen from the size, the last-modified time and the file key (inode), which
 * an edit or an atomic replace always changes. A file modified within {@link #RACY} of when it was read could be
 * edited again within the same timestamp tick without a visible change (as git's "racily clean" entries), so until
 * a read happens that long after its last-modified time, each read re-reads the bytes and compares a SHA-256 digest
 * instead of trusting the metadata. Readers take no lock; two readers that both see a change may both parse.
 */
final class ParseCache {
  /** How long after its last-modified time a file's metadata alone is trusted: coarse file system clocks. */
  static final Duration RACY = Duration.ofSeconds(2);

  private final Clock clock;
  private final AtomicLong parses = new AtomicLong();
  private volatile Snapshot current;

  /** Reads a file's bytes (at most its size limit). */
  interface Reader {
    byte[] read() throws Failure;
  }

  /** Parses a file's bytes; the bytes are zeroed by the caller afterwards. */
  interface Parser {
    Format.Contents parse(byte[] bytes) throws Failure;
  }

  /** One parse: the contents and the file's state when its bytes were read. */
  static final class Snapshot {
    final Format.Contents contents;
    final Instant modified;
    private final long size;
    private final FileTime mtime;
    private final Object fileKey;
    private final byte[] digest;
    private volatile boolean settled;

    Snapshot(Format.Contents contents, BasicFileAttributes attrs, byte[] digest, boolean settled) {
      this.contents = contents;
      this.modified = attrs.lastModifiedTime().toInstant();
      this.size = attrs.size();
      this.mtime = attrs.lastModifiedTime();
      this.fileKey = attrs.fileKey();
      this.digest = digest;
      this.settled = settled;
    }

    boolean sameMetadata(BasicFileAttributes attrs) {
      return size == attrs.size() && mtime.equals(attrs.lastModifiedTime()) && Objects.equals(fileKey, attrs.fileKey());
    }
  }

  ParseCache(Clock clock) {
    this.clock = clock;
  }

  /** The contents of the file whose current attributes are {@code attrs}: the kept parse, or a new one. */
  Snapshot get(BasicFileAttributes attrs, Reader reader, Parser parser) throws Failure {
    Snapshot c = current;
    if (c != null && c.sameMetadata(attrs) && c.settled) {
      return c;
    }
    Instant readAt = clock.instant();
    boolean settled = attrs.lastModifiedTime().toInstant().plus(RACY).isBefore(readAt);
    byte[] bytes = reader.read();
    try {
      byte[] digest = sha256(bytes);
      if (c != null && c.sameMetadata(attrs) && MessageDigest.isEqual(c.digest, digest)) {
        c.settled = settled;
        return c;
      }
      Format.Contents contents = parser.parse(bytes);
      parses.incrementAndGet();
      Snapshot s = new Snapshot(contents, attrs, digest, settled);
      current = s;
      return s;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** How many times a file was parsed: for tests and benchmarks. */
  long parses() {
    return parses.get();
  }

  /** Drops the kept parse and zeroes what it holds. */
  void clear() {
    Snapshot c = current;
    current = null;
    if (c != null) {
      c.contents.wipe();
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
