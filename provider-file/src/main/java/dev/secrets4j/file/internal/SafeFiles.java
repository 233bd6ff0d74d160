package dev.secrets4j.file.internal;

import dev.secrets4j.spi.SecretSourceException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bounded reads and the mapping of I/O errors to failure kinds. */
final class SafeFiles {
  /** The default size limit of one secret file: 1 MiB. */
  static final long DEFAULT_MAX_SIZE = 1024 * 1024;
  /** The largest {@code maxSize=} accepted: 64 MiB. */
  static final long MAX_MAX_SIZE = 64L * 1024 * 1024;
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(b|k|kb|kib|m|mb|mib)?", Pattern.CASE_INSENSITIVE);

  private SafeFiles() {}

  /**
   * {@code maxSize=}: bytes, or with a binary unit ({@code 64KiB}, {@code 2MiB}; {@code KB}/{@code MB} are read
   * as the same), between 1 byte and 64 MiB.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("is not a size; write bytes or a number with KiB or MiB, such as 2MiB");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long bytes = unit.startsWith("m") ? n * 1024 * 1024 : unit.startsWith("k") ? n * 1024 : n;
    if (bytes < 1 || bytes > MAX_MAX_SIZE || n > MAX_MAX_SIZE) {
      throw new IllegalArgumentException("must be between 1 byte and 64MiB");
    }
    return bytes;
  }

  /** The attributes of a file, symbolic links followed; I/O errors become failures naming {@code display}. */
  static BasicFileAttributes attributes(Path file, String display, Kind missing, String missingReason) throws Failure {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new Failure(missing, missingReason, e);
    } catch (IOException e) {
      throw io(e, display);
    }
  }

  /**
   * Reads a regular file of at most {@code maxSize} bytes; checks the size before reading and reads no more than
   * the limit even if the file grows meanwhile.
   */
  static byte[] read(Path file, String display, long maxSize) throws Failure, IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes((int) maxSize + 1);
      if (data.length > maxSize) {
        java.util.Arrays.fill(data, (byte) 0);
        throw tooLarge(display, -1, maxSize);
      }
      return data;
    }
  }

  static Failure tooLarge(String display, long size, long maxSize) {
    return new Failure(Kind.PERMANENT, display + " is " + (size >= 0 ? size + " bytes, " : "")
        + "over the size limit of " + maxSize + " bytes; secret files are small: check the path, or raise "
        + "maxSize= on the source");
  }

  /** An I/O error as a failure: access denied is {@code ACCESS_DENIED}, anything else {@code TRANSIENT}. */
  static Failure io(IOException e, String display) {
    if (e instanceof AccessDeniedException) {
      return new Failure(Kind.ACCESS_DENIED, display + " cannot be read: permission denied for the user this "
          + "service runs as; give it read access (chmod/chown)", e);
    }
    return new Failure(Kind.TRANSIENT, display + " cannot be read: " + e.getClass().getSimpleName()
        + (e.getMessage() != null ? " (" + e.getMessage() + ")" : ""), e);
  }
}
