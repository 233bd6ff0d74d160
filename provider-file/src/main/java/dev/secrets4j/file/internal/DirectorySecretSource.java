package dev.secrets4j.file.internal;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A directory with one secret per file, as Kubernetes mounts a secret volume: the file's bytes are the value.
 * Kubernetes' layout ({@code name -> ..data/name}, {@code ..data -> ..2026_11_28_12_00_00.123/}, swapped atomically
 * on update) is read through the links; a read that races the swap is retried, so a swap shows up as one
 * change. Names never leave the directory: {@code ..}, absolute paths, {@code ..}-prefixed entries and links that
 * resolve outside it are refused.
 */
final class DirectorySecretSource implements SecretSource {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
  private static final int MAX_NAME = 253;
  /** Reads that race a ..data swap are retried: this many attempts in all. */
  private static final int READ_ATTEMPTS = 3;
  private static final int VERIFY_LIMIT = 1000;

  private final String id;
  private final Path root;
  private final String display;
  private final PermissionPolicy permissions;
  private final long maxSize;
  private volatile boolean closed;

  /** A symbolic link that leads nowhere: not found, unless it was a ..data swap and the next attempt succeeds. */
  private static final class Dangling extends NoSuchFileException {
    private static final long serialVersionUID = 1L;

    Dangling(String message) {
      super(message);
    }

    @Override
    public String getMessage() {
      return getFile();
    }
  }

  /** One secret file, read. */
  private static final class Read {
    final byte[] value;
    final Instant modified;

    Read(byte[] value, Instant modified) {
      this.value = value;
      this.modified = modified;
    }
  }

  DirectorySecretSource(String id, Path root, PermissionPolicy permissions, long maxSize) {
    this.id = id;
    this.root = root;
    this.display = root.toString();
    this.permissions = permissions;
    this.maxSize = maxSize;
  }

  /**
   * Checks the permissions of the files directly inside the directory (at most {@value #VERIFY_LIMIT}), so that an
   * exposed volume fails when the source is built rather than at the first read; in {@code warn} mode it logs them.
   */
  void verify() throws Failure {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      Path rootReal = root.toRealPath();
      int seen = 0;
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith("..") || ++seen > VERIFY_LIMIT) {
          continue;
        }
        Path real;
        try {
          real = entry.toRealPath();
        } catch (IOException e) {
          continue; // dangling or unreadable: reported when that secret is read
        }
        if (real.startsWith(rootReal) && Files.isRegularFile(real)) {
          String refused = permissions.check(real, display + "/" + name);
          if (refused != null) {
            throw new Failure(Kind.ACCESS_DENIED, refused);
          }
        }
      }
    } catch (IOException e) {
      throw SafeFiles.io(e, display);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    Read r = read(name);
    return Versions.select(name, id, r.value, r.modified, selector);
  }

  @Override
  public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    Read r = read(name);
    Arrays.fill(r.value, (byte) 0);
    return Optional.of(SecretMetadata.builder().created(r.modified).lastChanged(r.modified).build());
  }

  private Read read(String name) throws SecretSourceException {
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return readOnce(name);
        } catch (NoSuchFileException raced) {
          // the file vanished between resolving its links and reading it: Kubernetes swapped ..data; again
          if (attempt == READ_ATTEMPTS) {
            throw raced;
          }
        }
      }
    } catch (Dangling e) {
      throw new Failure(Kind.NOT_FOUND, e.getMessage()).forSecret(name, id);
    } catch (NoSuchFileException e) {
      throw new Failure(Kind.TRANSIENT, "the file vanished while it was read, " + READ_ATTEMPTS
          + " times in a row; is something rewriting " + display + " in a loop?", e).forSecret(name, id);
    } catch (IOException e) {
      throw SafeFiles.io(e, display + "/" + Text.showName(name)).forSecret(name, id);
    } catch (Failure f) {
      throw f.forSecret(name, id);
    }
  }

  private Read readOnce(String name) throws Failure, IOException {
    if (closed) {
      throw new Failure(Kind.PERMANENT, "the source is closed");
    }
    String refused = traversal(name);
    if (refused != null) {
      throw new Failure(Kind.ACCESS_DENIED, "the name is refused: it " + refused
          + "; a directory source reads only the files inside " + display);
    }
    if (!valid(name)) {
      throw new Failure(Kind.NOT_FOUND, "a directory source holds only file names of letters, digits, '.', '_' "
          + "and '-' (segments joined by '/', at most " + MAX_NAME + " characters)");
    }
    String fileDisplay = display + "/" + name;
    Path rootReal;
    try {
      rootReal = root.toRealPath();
    } catch (NoSuchFileException e) {
      throw new Failure(Kind.TRANSIENT, "the directory " + display + " does not exist (any more); restore it", e);
    }
    Path candidate = rootReal.resolve(name);
    if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
      throw new Failure(Kind.NOT_FOUND, "there is no file " + fileDisplay);
    }
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (NoSuchFileException e) {
      // a link to nothing, or a link whose ..data target Kubernetes just replaced: the caller tries again
      throw new Dangling(fileDisplay + " is a symbolic link to a file that does not exist");
    } catch (AccessDeniedException e) {
      throw SafeFiles.io(e, fileDisplay);
    }
    if (!real.startsWith(rootReal)) {
      throw new Failure(Kind.ACCESS_DENIED, fileDisplay + " is a symbolic link that leads outside " + display
          + "; links in a directory source must stay inside it");
    }
    BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
    if (attrs.isDirectory()) {
      throw new Failure(Kind.NOT_FOUND, fileDisplay + " is a directory, not a secret file");
    }
    if (!attrs.isRegularFile()) {
      throw new Failure(Kind.PERMANENT, fileDisplay + " is not a regular file");
    }
    String exposed = permissions.check(real, fileDisplay);
    if (exposed != null) {
      throw new Failure(Kind.ACCESS_DENIED, exposed);
    }
    if (attrs.size() > maxSize) {
      throw SafeFiles.tooLarge(fileDisplay, attrs.size(), maxSize);
    }
    return new Read(SafeFiles.read(real, fileDisplay, maxSize), attrs.lastModifiedTime().toInstant());
  }

  /** Why {@code name} would escape or touch internals of the directory, or null when it would not. */
  static String traversal(String name) {
    if (name.isEmpty()) {
      return "is empty";
    }
    if (name.indexOf('\0') >= 0) {
      return "contains a NUL character";
    }
    if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
      return "is an absolute path";
    }
    if (name.indexOf('\\') >= 0) {
      return "contains a backslash";
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty()) {
        return "has an empty path segment";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "contains a '.' or '..' segment";
      }
      if (segment.startsWith("..")) {
        return "names a '..' entry (Kubernetes' internal links and folders)";
      }
    }
    return null;
  }

  /** True when every segment is letters, digits, {@code . _ -} (as Kubernetes secret keys are). */
  static boolean valid(String name) {
    if (name.length() > MAX_NAME) {
      return false;
    }
    for (String segment : name.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return id;
  }
}
