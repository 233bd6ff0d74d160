package dev.secrets4j.file.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One file of secrets: dotenv, properties, JSON or encrypted dotenv. Every fetch checks the file (its metadata and
 * permissions) and reuses the last parse while the file is unchanged ({@link ParseCache}), so an edit is seen at the
 * next refresh, a malformed file fails as a whole, and a fetch costs no parse. The version id is a digest of the
 * value; metadata carries the file's last-modified time.
 */
final class FileSecretSource implements SecretSource {
  private final String id;
  private final Path path;
  private final String display;
  private final Format format;
  private final Environment environment;
  private final PermissionPolicy permissions;
  private final long maxSize;
  private final FileKey key;
  private final ParseCache cache;
  private volatile boolean closed;

  /** What one read of the file gave. */
  private static final class Loaded {
    final Format.Contents contents;
    final Instant modified;
    /** True for a parse of this read only, zeroed after use; false for the kept parse. */
    final boolean transientParse;

    Loaded(Format.Contents contents, Instant modified, boolean transientParse) {
      this.contents = contents;
      this.modified = modified;
      this.transientParse = transientParse;
    }

    void done() {
      if (transientParse) {
        contents.wipe();
      }
    }
  }

  FileSecretSource(String id, Path path, Format format, Environment environment, PermissionPolicy permissions,
      long maxSize, FileKey key, Clock clock) {
    this.id = id;
    this.cache = new ParseCache(clock);
    this.path = path;
    this.display = path.toString();
    this.format = format;
    this.environment = environment;
    this.permissions = permissions;
    this.maxSize = maxSize;
    this.key = key;
  }

  /** Reads the file once so that a missing, unreadable, exposed or malformed file fails when the source is built. */
  void verify() throws Failure {
    load();
  }

  /** How many times the file was parsed. */
  long parses() {
    return cache.parses();
  }

  private Loaded load() throws Failure {
    if (closed) {
      throw new Failure(Kind.PERMANENT, "the source is closed");
    }
    BasicFileAttributes attrs = SafeFiles.attributes(path, display, Kind.TRANSIENT,
        display + " does not exist (any more); restore it");
    if (!attrs.isRegularFile()) {
      throw new Failure(Kind.PERMANENT, display + " is not a regular file");
    }
    try {
      if (format != Format.ENCRYPTED) {
        // an encrypted file is meant to be shared (committed to git): its key file is what gets checked
        String refused = permissions.check(path, display);
        if (refused != null) {
          throw new Failure(Kind.ACCESS_DENIED, refused);
        }
      }
      if (attrs.size() > maxSize) {
        throw SafeFiles.tooLarge(display, attrs.size(), maxSize);
      }
    } catch (IOException e) {
      throw SafeFiles.io(e, display);
    }
    ParseCache.Snapshot s = cache.get(attrs, this::readBytes, this::parseOrFail);
    return new Loaded(s.contents, s.modified, false);
  }

  private byte[] readBytes() throws Failure {
    try {
      return SafeFiles.read(path, display, maxSize);
    } catch (IOException e) {
      throw SafeFiles.io(e, display);
    }
  }

  /** Parses the file's bytes; malformed content is a {@code PERMANENT} failure naming the file, line and fault. */
  private Format.Contents parseOrFail(byte[] bytes) throws Failure {
    try {
      return parse(bytes);
    } catch (MalformedContentException e) {
      throw new Failure(Kind.PERMANENT, display + " " + e.getMessage() + fixHint());
    }
  }

  private String fixHint() {
    return format == Format.ENCRYPTED ? "" : "; fix the file";
  }

  /** Parses a file's bytes in this source's format. */
  Format.Contents parse(byte[] bytes) throws MalformedContentException {
    String text = Text.decodeUtf8(bytes);
    switch (format) {
      case DOTENV:
        return Format.KeyedContents.ofStrings(Dotenv.toMap(Dotenv.parse(text)));
      case PROPERTIES:
        return new Format.ExactContents(PropertiesFormat.parse(text));
      case JSON:
        return new Format.JsonContents(JsonFormat.parse(text));
      case ENCRYPTED:
        return new Format.KeyedContents(EncryptedFormat.open(EncryptedFormat.parse(text), environment, key));
      default:
        throw new IllegalStateException("unknown format " + format);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    return select(loadFor(name), name, selector);
  }

  /**
   * What {@link #fetch} does once it has read the file's bytes: for tests that feed many generated contents
   * without writing each to disk.
   */
  SecretVersion fetchFromContent(byte[] content, String name, VersionSelector selector) throws SecretSourceException {
    Loaded l;
    try {
      l = new Loaded(parseOrFail(content), null, true);
    } catch (Failure f) {
      throw f.forSecret(name, id);
    }
    return select(l, name, selector);
  }

  private SecretVersion select(Loaded l, String name, VersionSelector selector) throws SecretSourceException {
    try {
      byte[] value = l.contents.lookup(name);
      if (value == null) {
        throw notFound(name, l);
      }
      if (closed) {
        Arrays.fill(value, (byte) 0);
        throw new Failure(Kind.PERMANENT, "the source is closed").forSecret(name, id);
      }
      return Versions.select(name, id, value, null, selector);
    } finally {
      l.done();
    }
  }

  @Override
  public Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
    Map<String, SecretVersion> out = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return out;
    }
    Loaded l;
    try {
      l = load();
    } catch (Failure f) {
      if (f.kind() == Kind.TRANSIENT) {
        throw f.forSecret(names.iterator().next(), id);
      }
      return out; // each secret is fetched alone and gets its own error
    }
    try {
      for (String name : names) {
        byte[] value = l.contents.lookup(name);
        if (value != null) {
          out.put(name, Versions.select(name, id, value, null, VersionSelector.CURRENT));
        }
      }
      return out;
    } finally {
      l.done();
    }
  }

  @Override
  public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    Loaded l = loadFor(name);
    try {
      byte[] value = l.contents.lookup(name);
      if (value == null) {
        throw notFound(name, l);
      }
      Arrays.fill(value, (byte) 0);
      return Optional.of(SecretMetadata.builder().lastChanged(l.modified).build());
    } finally {
      l.done();
    }
  }

  private Loaded loadFor(String name) throws SecretSourceException {
    try {
      return load();
    } catch (Failure f) {
      throw f.forSecret(name, id);
    }
  }

  private SecretSourceException notFound(String name, Loaded l) {
    return new SecretSourceException(Kind.NOT_FOUND, "secret '" + Text.showName(name) + "' not found in " + id
        + ": " + display + " has " + l.contents.lookedFor(name));
  }

  @Override
  public void close() {
    closed = true;
    cache.clear();
    if (key != null) {
      key.destroy();
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
