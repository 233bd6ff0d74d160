package dev.secrets4j.file.internal;

import dev.secrets4j.SecretConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/** Reading and atomically writing the text files the encrypted-file tools work on. Public for them; not API. */
public final class TextFiles {
  private TextFiles() {}

  /** Reads a text file of at most 16 MiB as strict UTF-8. */
  public static String readText(Path file) throws IOException {
    if (Files.size(file) > EncryptedFileOps.MAX_FILE) {
      throw new SecretConfigurationException(file + " is over " + EncryptedFileOps.MAX_FILE + " bytes; is it the right file?");
    }
    byte[] b = Files.readAllBytes(file);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new SecretConfigurationException(file + " is not valid UTF-8 text");
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }

  /**
   * Writes {@code text} to {@code file} through a temporary file in the same directory and an atomic rename, so a
   * reader never sees half a file. {@code ownerOnly} makes it {@code rw-------}; otherwise an existing file keeps
   * its permissions and a new one gets {@code rw-r--r--}.
   */
  public static void writeAtomically(Path file, String text, boolean ownerOnly) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    try {
      setPermissions(tmp, ownerOnly ? "rw-------" : existingOr(abs, "rw-r--r--"));
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String existingOr(Path file, String fallback) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    } catch (IOException | UnsupportedOperationException e) {
      return fallback;
    }
  }

  private static void setPermissions(Path file, String perms) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }
}
