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
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One file of secrets: dotenv, properties, JSON or encrypted dotenv. Every fetch reads and parses the whole file
 * (the resolver caches), so an edit is seen at the next refresh and a malformed file fails as a whole. The version
 * id is a digest of the value; metadata carries the file's last-modified time.
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
  private volatile boolean closed;

  /** What one read of the file gave. */
  private static final class Loaded {
    final Format.Contents contents;
    final Instant modified;

    Loaded(Format.Contents contents, Instant modified) {
      this.contents = contents;
      this.modified = modified;
    }
  }

  FileSecretSource(String id, Path path, Format format, Environment environment, PermissionPolicy permissions,
      long maxSize, FileKey key) {
    this.id = id;
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
    load().contents.wipe();
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
    byte[] bytes = null;
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
      bytes = SafeFiles.read(path, display, maxSize);
      return interpret(bytes, attrs.lastModifiedTime().toInstant());
    } catch (IOException e) {
      throw SafeFiles.io(e, display);
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  /** Parses the file's bytes; malformed content is a {@code PERMANENT} failure naming the file, line and fault. */
  private Loaded interpret(byte[] bytes, Instant modified) throws Failure {
    try {
      return new Loaded(parse(bytes), modified);
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
      l = interpret(content, null);
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
      return Versions.select(name, id, value, null, selector);
    } finally {
      l.contents.wipe();
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
      l.contents.wipe();
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
      l.contents.wipe();
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
    if (key != null) {
      key.destroy();
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
