package dev.secrets4j.file.internal;

import dev.secrets4j.spi.SecretSourceException.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Opens a file inside a root without letting the kernel follow any link: the path is walked one entry at a time
 * from an open handle of the root ({@link SecureDirectoryStream}, {@code openat} with {@code O_NOFOLLOW}), and a
 * symbolic link met on the way (Kubernetes' {@code name -> ..data/name}, {@code ..data -> ..2026_…}) is read and
 * resolved by this class, lexically, against the root: a link whose target leaves the root is refused. So what is
 * opened is what was checked, even while someone swaps a folder for a link. After the read, the file's identity
 * (file key and last-modified time) is compared with the one checked, and a mismatch counts as a raced read.
 * Without {@code SecureDirectoryStream} (Windows), the same walk is done by path.
 */
final class ConfinedOpen {
  /** At most this many links on the way to one file. */
  static final int MAX_LINKS = 16;
  private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  /** The file read: its bytes and last-modified time. */
  static final class Read {
    final byte[] value;
    final java.time.Instant modified;

    Read(byte[] value, java.time.Instant modified) {
      this.value = value;
      this.modified = modified;
    }
  }

  /** A directory entry was missing, or changed under the read: the caller may try again. */
  static final class Raced extends NoSuchFileException {
    private static final long serialVersionUID = 1L;
    /** True when a link led to a missing entry (a dangling link, unless Kubernetes just swapped ..data). */
    final boolean dangling;

    Raced(String file, boolean dangling) {
      super(file);
      this.dangling = dangling;
    }
  }

  private ConfinedOpen() {}

  /**
   * Reads {@code name} (segments already checked against traversal) inside {@code rootReal}.
   *
   * @throws Raced when an entry is missing or changes during the read ({@code viaLink} when a link led there)
   * @throws Failure for a link leading outside, a directory, a special file, an exposed file or one too large
   */
  static Read read(Path rootReal, String name, String display, PermissionPolicy permissions, long maxSize)
      throws Failure, IOException {
    String fileDisplay = display + "/" + name;
    Deque<String> todo = new ArrayDeque<>(Arrays.asList(name.split("/")));
    List<String> at = new ArrayList<>();
    Deque<Dir> open = new ArrayDeque<>();
    open.push(Dir.open(rootReal));
    try {
      return walk(rootReal, todo, at, open, fileDisplay, display, permissions, maxSize);
    } catch (Raced | java.nio.file.AccessDeniedException e) {
      throw e;
    } catch (java.nio.file.FileSystemException e) {
      // an entry vanished, or turned into a link, between its check and its opening (O_NOFOLLOW refuses it)
      throw new Raced(fileDisplay, false);
    } finally {
      for (Dir d : open) {
        d.close();
      }
    }
  }

  private static Read walk(Path rootReal, Deque<String> todo, List<String> at, Deque<Dir> open, String fileDisplay,
      String display, PermissionPolicy permissions, long maxSize) throws Failure, IOException {
    int links = 0;
    while (true) {
      String seg = todo.pop();
      BasicFileAttributes attrs = open.peek().stat(seg, fileDisplay, links > 0);
      if (attrs.isSymbolicLink()) {
        if (++links > MAX_LINKS) {
          throw new Failure(Kind.PERMANENT, fileDisplay + " goes through more than " + MAX_LINKS + " links");
        }
        List<String> target = target(rootReal, at, seg, fileDisplay, display);
        target.addAll(todo);
        todo.clear();
        todo.addAll(target);
        at.clear();
        while (open.size() > 1) {
          open.pop().close();
        }
        if (todo.isEmpty()) {
          throw new Failure(Kind.NOT_FOUND, fileDisplay + " is a link to the directory itself, not a file");
        }
        continue;
      }
      if (!todo.isEmpty()) {
        if (!attrs.isDirectory()) {
          throw new Failure(Kind.NOT_FOUND, "there is no file " + fileDisplay);
        }
        open.push(open.peek().enter(seg));
        at.add(seg);
        continue;
      }
      return readFile(open.peek(), seg, attrs, fileDisplay, permissions, maxSize, links > 0);
    }
  }

  private static Read readFile(Dir dir, String seg, BasicFileAttributes attrs, String fileDisplay,
      PermissionPolicy permissions, long maxSize, boolean viaLink) throws Failure, IOException {
    if (attrs.isDirectory()) {
      throw new Failure(Kind.NOT_FOUND, fileDisplay + " is a directory, not a secret file");
    }
    if (!attrs.isRegularFile()) {
      throw new Failure(Kind.PERMANENT, fileDisplay + " is not a regular file");
    }
    String exposed = permissions.check(dir.permissions(seg), fileDisplay, fileDisplay);
    if (exposed != null) {
      throw new Failure(Kind.ACCESS_DENIED, exposed);
    }
    if (attrs.size() > maxSize) {
      throw SafeFiles.tooLarge(fileDisplay, attrs.size(), maxSize);
    }
    byte[] value;
    try (SeekableByteChannel ch = dir.open(seg)) {
      value = readBounded(ch, fileDisplay, maxSize);
    }
    BasicFileAttributes after = dir.stat(seg, fileDisplay, viaLink);
    if (!Objects.equals(after.fileKey(), attrs.fileKey())
        || !after.lastModifiedTime().equals(attrs.lastModifiedTime()) || !after.isRegularFile()) {
      Arrays.fill(value, (byte) 0);
      throw new Raced(fileDisplay, false);
    }
    return new Read(value, attrs.lastModifiedTime().toInstant());
  }

  /** The segments, from the root, that the link {@code at/seg} points to; a target outside the root is refused. */
  private static List<String> target(Path rootReal, List<String> at, String seg, String fileDisplay, String display)
      throws Failure, IOException {
    Path linkPath = rootReal;
    for (String a : at) {
      linkPath = linkPath.resolve(a);
    }
    Path target;
    try {
      target = Files.readSymbolicLink(linkPath.resolve(seg));
    } catch (NotLinkException | NoSuchFileException e) {
      throw new Raced(fileDisplay, true);
    }
    List<String> out = new ArrayList<>();
    if (target.isAbsolute()) {
      Path t = target.normalize();
      if (!t.startsWith(rootReal)) {
        throw outside(fileDisplay, display);
      }
      target = rootReal.relativize(t);
    } else {
      out.addAll(at);
    }
    for (Path p : target) {
      String s = p.toString();
      if (s.equals("..")) {
        if (out.isEmpty()) {
          throw outside(fileDisplay, display);
        }
        out.remove(out.size() - 1);
      } else if (!s.isEmpty() && !s.equals(".")) {
        out.add(s);
      }
    }
    return out;
  }

  private static Failure outside(String fileDisplay, String display) {
    return new Failure(Kind.ACCESS_DENIED, fileDisplay + " is a symbolic link that leads outside " + display
        + "; links in a directory source must stay inside it");
  }

  private static byte[] readBounded(SeekableByteChannel ch, String fileDisplay, long maxSize)
      throws Failure, IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(maxSize + 1, Math.max(ch.size() + 1, 1)));
    while (true) {
      if (!buf.hasRemaining()) {
        if (buf.capacity() > maxSize) {
          Arrays.fill(buf.array(), (byte) 0);
          throw SafeFiles.tooLarge(fileDisplay, -1, maxSize);
        }
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(maxSize + 1, buf.capacity() * 2L));
        buf.flip();
        bigger.put(buf);
        Arrays.fill(buf.array(), (byte) 0);
        buf = bigger;
      }
      if (ch.read(buf) < 0) {
        break;
      }
    }
    if (buf.position() > maxSize) {
      Arrays.fill(buf.array(), (byte) 0);
      throw SafeFiles.tooLarge(fileDisplay, -1, maxSize);
    }
    byte[] out = Arrays.copyOf(buf.array(), buf.position());
    Arrays.fill(buf.array(), (byte) 0);
    return out;
  }

  /** One directory on the way: an open handle where the platform has one, else a path. */
  private abstract static class Dir implements Closeable {
    static Dir open(Path root) throws IOException {
      DirectoryStream<Path> ds = Files.newDirectoryStream(root);
      if (ds instanceof SecureDirectoryStream) {
        return new Handle((SecureDirectoryStream<Path>) ds);
      }
      ds.close();
      return new ByPath(root);
    }

    abstract BasicFileAttributes stat(String entry, String fileDisplay, boolean viaLink) throws Failure, IOException;

    abstract Set<PosixFilePermission> permissions(String entry) throws IOException;

    abstract Dir enter(String entry) throws IOException;

    abstract SeekableByteChannel open(String entry) throws IOException;

    /** A missing entry: a dangling link (retried) when a link led here, else no such file. */
    static Exception missing(String fileDisplay, boolean viaLink) {
      return viaLink ? new Raced(fileDisplay, true) : new Failure(Kind.NOT_FOUND, "there is no file " + fileDisplay);
    }

    static BasicFileAttributes rethrow(Exception e) throws Failure, IOException {
      if (e instanceof Failure) {
        throw (Failure) e;
      }
      throw (IOException) e;
    }
  }

  private static final class Handle extends Dir {
    private final SecureDirectoryStream<Path> ds;

    Handle(SecureDirectoryStream<Path> ds) {
      this.ds = ds;
    }

    @Override
    BasicFileAttributes stat(String entry, String fileDisplay, boolean viaLink) throws Failure, IOException {
      try {
        return ds.getFileAttributeView(Path.of(entry), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .readAttributes();
      } catch (NoSuchFileException e) {
        return rethrow(missing(fileDisplay, viaLink));
      }
    }

    @Override
    Set<PosixFilePermission> permissions(String entry) throws IOException {
      PosixFileAttributeView v = ds.getFileAttributeView(Path.of(entry), PosixFileAttributeView.class,
          LinkOption.NOFOLLOW_LINKS);
      return v == null ? null : v.readAttributes().permissions();
    }

    @Override
    Dir enter(String entry) throws IOException {
      return new Handle(ds.newDirectoryStream(Path.of(entry), LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    SeekableByteChannel open(String entry) throws IOException {
      return ds.newByteChannel(Path.of(entry), READ);
    }

    @Override
    public void close() throws IOException {
      ds.close();
    }
  }

  private static final class ByPath extends Dir {
    private final Path dir;

    ByPath(Path dir) {
      this.dir = dir;
    }

    @Override
    BasicFileAttributes stat(String entry, String fileDisplay, boolean viaLink) throws Failure, IOException {
      try {
        return Files.readAttributes(dir.resolve(entry), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return rethrow(missing(fileDisplay, viaLink));
      }
    }

    @Override
    Set<PosixFilePermission> permissions(String entry) throws IOException {
      PosixFileAttributeView v = Files.getFileAttributeView(dir.resolve(entry), PosixFileAttributeView.class,
          LinkOption.NOFOLLOW_LINKS);
      return v == null ? null : v.readAttributes().permissions();
    }

    @Override
    Dir enter(String entry) {
      return new ByPath(dir.resolve(entry));
    }

    @Override
    SeekableByteChannel open(String entry) throws IOException {
      return Files.newByteChannel(dir.resolve(entry), READ);
    }

    @Override
    public void close() {}
  }
}
