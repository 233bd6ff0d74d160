package dev.secrets4j.file.internal;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A directory with one secret per file, as Kubernetes mounts a secret volume: the file's bytes are the value.
 * Kubernetes' layout ({@code name -> ..data/name}, {@code ..data -> ..2026_11_28_12_00_00.123/}, swapped atomically
 * on update) is read through the links; a read that races the swap is retried, so a swap shows up as one
 * change. Names never leave the directory: {@code ..}, absolute paths, {@code ..}-prefixed entries and links that
 * resolve outside it are refused, and the file is opened by walking from the directory without letting the kernel
 * follow links ({@link ConfinedOpen}), so a folder swapped for a link during a read cannot lead outside.
 */
final class DirectorySecretSource implements SecretSource {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
  private static final int MAX_NAME = 253;
  /** Reads that race a ..data swap are retried: this many attempts in all. */
  private static final int READ_ATTEMPTS = 3;
  /** How many reads interrupted by a visible ..data swap are retried without counting, at most, in one read. */
  private static final int MAX_SWAPS_SEEN = 100;
  private static final int VERIFY_LIMIT = 1000;

  private final String id;
  private final Path root;
  private final String display;
  private final PermissionPolicy permissions;
  private final long maxSize;
  private volatile boolean closed;

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
    ConfinedOpen.Read r = read(name);
    return Versions.select(name, id, r.value, r.modified, selector);
  }

  @Override
  public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    ConfinedOpen.Read r = read(name);
    Arrays.fill(r.value, (byte) 0);
    return Optional.of(SecretMetadata.builder().created(r.modified).lastChanged(r.modified).build());
  }

  private ConfinedOpen.Read read(String name) throws SecretSourceException {
    try {
      int swapsSeen = 0;
      for (int attempt = 1; ; attempt++) {
        String dataBefore = dataLinkTarget();
        try {
          return readOnce(name);
        } catch (ConfinedOpen.Raced raced) {
          // an entry vanished or changed while it was read: Kubernetes swapped ..data; again. An attempt during which
          // ..data demonstrably moved does not count (a burst of updates is not a broken volume), up to a bound.
          if (!Objects.equals(dataBefore, dataLinkTarget()) && swapsSeen < MAX_SWAPS_SEEN) {
            swapsSeen++;
            attempt--;
          } else if (attempt >= READ_ATTEMPTS) {
            throw raced;
          }
        }
      }
    } catch (ConfinedOpen.Raced e) {
      if (e.dangling) {
        throw new Failure(Kind.NOT_FOUND, e.getFile() + " is a symbolic link to a file that does not exist")
            .forSecret(name, id);
      }
      throw new Failure(Kind.TRANSIENT, "the file changed or vanished while it was read, " + READ_ATTEMPTS
          + " times in a row; is something rewriting " + display + " in a loop?", e).forSecret(name, id);
    } catch (NoSuchFileException e) {
      throw new Failure(Kind.TRANSIENT, "the directory " + display + " does not exist (any more); restore it", e)
          .forSecret(name, id);
    } catch (IOException e) {
      throw SafeFiles.io(e, display + "/" + Text.showName(name)).forSecret(name, id);
    } catch (Failure f) {
      throw f.forSecret(name, id);
    }
  }

  /** Where the Kubernetes {@code ..data} link points now, or null when the directory has none. */
  private String dataLinkTarget() {
    try {
      return Files.readSymbolicLink(root.resolve("..data")).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  private ConfinedOpen.Read readOnce(String name) throws Failure, IOException {
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
    Path rootReal;
    try {
      rootReal = root.toRealPath();
    } catch (NoSuchFileException e) {
      throw new Failure(Kind.TRANSIENT, "the directory " + display + " does not exist (any more); restore it", e);
    }
    return ConfinedOpen.read(rootReal, name, display, permissions, maxSize);
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
