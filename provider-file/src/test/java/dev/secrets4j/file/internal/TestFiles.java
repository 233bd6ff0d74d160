package dev.secrets4j.file.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes test files as an operator would: owner-only by default, replaced atomically. */
final class TestFiles {
  private TestFiles() {}

  /** Writes {@code text} as UTF-8, {@code rw-------}, through a temporary file and an atomic rename. */
  static Path write(Path file, String text) throws IOException {
    return write(file, text.getBytes(StandardCharsets.UTF_8), "rw-------");
  }

  static Path write(Path file, byte[] bytes, String perms) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(perms));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  static void chmod(Path file, String perms) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
  }

  /** Every message in a throwable's cause chain. */
  static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
