package dev.secrets4j.file.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do about secret files that their group or other users can read: refuse them, warn (once per file and
 * mode), or say nothing. Default: refuse in production, warn elsewhere. File systems without POSIX permissions
 * are not checked.
 */
final class PermissionPolicy {
  private static final Logger LOG = LoggerFactory.getLogger("dev.secrets4j.file");

  /** The {@code permissions=} parameter. */
  enum Mode { REFUSE, WARN, OFF }

  private final Mode mode;
  private final String fixHint;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  PermissionPolicy(Mode mode, String fixHint) {
    this.mode = mode;
    this.fixHint = fixHint;
  }

  /** The same mode, telling a different fix (for a file other than the one this policy was made for). */
  PermissionPolicy withFixHint(String otherFixHint) {
    return new PermissionPolicy(mode, otherFixHint);
  }

  /** The mode from {@code permissions=refuse|warn|off}, or the default for {@code environment}. */
  static Mode parse(String value, Environment environment, String sourceId) {
    if (value == null) {
      return environment.isProduction() ? Mode.REFUSE : Mode.WARN;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "refuse": return Mode.REFUSE;
      case "warn": return Mode.WARN;
      case "off": return Mode.OFF;
      default:
        throw new SecretConfigurationException("source URI '" + sourceId + "' has permissions='" + value
            + "'; valid values are refuse, warn and off (default: refuse in production, warn elsewhere)");
    }
  }

  /**
   * Checks one file (symbolic links followed). Returns null when it may be read, else why it is refused.
   *
   * @param display the file as messages show it
   */
  String check(Path file, String display) throws IOException {
    if (mode == Mode.OFF) {
      return null;
    }
    return decide(exposure(file), file.toString(), display);
  }

  /**
   * Checks permissions already read (null when the file system has none). Returns null when the file may be read,
   * else why it is refused.
   *
   * @param warnKey what identifies the file for the one-time warning
   */
  String check(Set<PosixFilePermission> perms, String warnKey, String display) {
    if (mode == Mode.OFF || perms == null) {
      return null;
    }
    return decide(exposure(perms), warnKey, display);
  }

  private String decide(String exposure, String file, String display) {
    if (exposure == null) {
      return null;
    }
    if (mode == Mode.REFUSE) {
      return display + " is readable by " + exposure + "; a secret file must be readable by its owner only: "
          + fixHint + " (or set permissions=warn on the source)";
    }
    if (warned.add(file + " " + exposure)) {
      LOG.warn("secret file {} is readable by {}; a secret file should be readable by its owner only: {}. "
          + "In production this file is refused (permissions=off silences this).", display, exposure, fixHint);
    }
    return null;
  }

  /** {@code others (rw-r--r--)} when the group or others may read {@code file}, else null. */
  static String exposure(Path file) throws IOException {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return null;
    }
    return exposure(perms);
  }

  private static String exposure(Set<PosixFilePermission> perms) {
    boolean group = perms.contains(PosixFilePermission.GROUP_READ);
    boolean others = perms.contains(PosixFilePermission.OTHERS_READ);
    if (!group && !others) {
      return null;
    }
    return (group && others ? "its group and others" : group ? "its group" : "others") + " ("
        + PosixFilePermissions.toString(perms) + ")";
  }
}
