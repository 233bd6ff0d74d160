package dev.secrets4j.file.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Creates {@code file:} and {@code dir:} sources from a parsed URI. Public for {@link dev.secrets4j.file}; not API.
 */
public final class FileSources {
  static final String FORMS = "file:PATH (a .env, .properties, .json or .env.enc file, or a directory) or "
      + "dir:PATH; for example file:config/secrets/{env}.env, file:secrets/{env}.env.enc or dir:/var/run/secrets/app";
  private static final Set<String> FILE_PARAMS = Set.of("format", "permissions", "maxSize", "keyFile");
  private static final Set<String> DIR_PARAMS = Set.of("permissions", "maxSize");
  private static final long MAX_KEY_FILE = 1024;

  private FileSources() {}

  /**
   * The source for {@code uri}.
   *
   * @param env where {@code SECRETS4J_KEY_<ENV>} is looked up ({@code System::getenv} in production)
   * @param key the key for an encrypted file, or null to take it from {@code keyFile=} or {@code env}
   * @throws SecretConfigurationException when the URI is malformed or the file cannot be used, saying why and how
   *     to fix it
   */
  public static SecretSource create(SourceUri uri, Function<String, String> env, byte[] key) {
    String id = uri.redacted();
    String scheme = uri.scheme();
    if (!scheme.equals("file") && !scheme.equals("dir")) {
      throw new SecretConfigurationException("source " + id + ": the file provider reads only " + FORMS);
    }
    Path path = path(uri, id);
    Environment environment = uri.environment();
    boolean isDirectory = Files.isDirectory(path);
    if (scheme.equals("dir") || isDirectory) {
      uri.requireOnlyParams(DIR_PARAMS);
      if (key != null) {
        throw new SecretConfigurationException("source " + id + ": a key applies only to encrypted files, and "
            + path + " is a directory");
      }
      if (!isDirectory) {
        throw new SecretConfigurationException("source " + id + ": " + (Files.exists(path)
            ? path + " is a file, not a directory; use file:" + path
            : "the directory " + path + " does not exist" + whereRelative(path) + "; create it or fix the path"));
      }
      PermissionPolicy permissions = new PermissionPolicy(
          PermissionPolicy.parse(uri.param("permissions").orElse(null), environment, id),
          "chmod 600 each file, or for a Kubernetes secret volume set defaultMode: 0400");
      DirectorySecretSource source = new DirectorySecretSource(id, path, permissions, maxSize(uri, id));
      try {
        source.verify();
      } catch (Failure f) {
        throw f.forConfiguration(id);
      }
      return source;
    }
    uri.requireOnlyParams(FILE_PARAMS);
    if (!Files.exists(path)) {
      throw new SecretConfigurationException("source " + id + ": the file " + path + " does not exist"
          + whereRelative(path) + "; create it, or fix the path in the source URI");
    }
    Format format = format(uri, path, id);
    if (key != null && format != Format.ENCRYPTED) {
      throw new SecretConfigurationException("source " + id + ": a key applies only to encrypted files (*.enc or "
          + "format=encrypted), and " + path + " is read as " + format.param());
    }
    if (uri.param("keyFile").isPresent() && format != Format.ENCRYPTED) {
      throw new SecretConfigurationException("source " + id + ": keyFile= applies only to encrypted files "
          + "(*.enc or format=encrypted), and " + path + " is read as " + format.param());
    }
    PermissionPolicy permissions = new PermissionPolicy(
        PermissionPolicy.parse(uri.param("permissions").orElse(null), environment, id), "chmod 600 " + path);
    long maxSize = maxSize(uri, id);
    FileKey fileKey = format == Format.ENCRYPTED ? key(uri, path, environment, env, key, permissions, id) : null;
    FileSecretSource source = new FileSecretSource(id, path, format, environment, permissions, maxSize, fileKey,
        java.time.Clock.systemUTC());
    try {
      source.verify();
    } catch (Failure f) {
      source.close();
      throw f.forConfiguration(id);
    }
    return source;
  }

  /** {@code SECRETS4J_KEY_<ENV>}: the environment's name upper-cased, {@code -} as {@code _}. */
  public static String keyVariable(Environment environment) {
    return "SECRETS4J_KEY_" + environment.name().toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static Path path(SourceUri uri, String id) {
    String host = uri.authority().orElse("");
    if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
      throw new SecretConfigurationException("source " + id + ": '" + host + "' after " + uri.scheme()
          + ":// is read as a host; write a relative path as " + uri.scheme() + ":" + host + uri.path()
          + " and an absolute one as " + uri.scheme() + ":/" + host + uri.path());
    }
    String p = uri.path();
    if (p.isBlank()) {
      throw new SecretConfigurationException("source " + id + " has no path; expected " + FORMS);
    }
    if (p.equals("~") || p.startsWith("~/")) {
      p = System.getProperty("user.home") + p.substring(1);
    }
    try {
      return Path.of(p);
    } catch (InvalidPathException e) {
      throw new SecretConfigurationException("source " + id + ": '" + p + "' is not a valid path here: "
          + e.getReason());
    }
  }

  private static String whereRelative(Path path) {
    return path.isAbsolute() ? ""
        : " (relative paths are resolved against the working directory " + Path.of("").toAbsolutePath() + ")";
  }

  private static Format format(SourceUri uri, Path path, String id) {
    if (uri.param("format").isPresent()) {
      String f = uri.param("format").get();
      return Format.fromParam(f).orElseThrow(() -> new SecretConfigurationException("source " + id
          + " has format=" + f + "; valid formats are " + Format.VALID));
    }
    Path name = path.getFileName();
    return Format.fromFileName(name == null ? "" : name.toString()).orElseThrow(() -> new SecretConfigurationException(
        "source " + id + ": the format of " + path + " cannot be told from its name; name it *.env, .env.*, "
            + "*.properties, *.json or *.enc, or add ?format= with one of " + Format.VALID));
  }

  private static long maxSize(SourceUri uri, String id) {
    String v = uri.param("maxSize").orElse(null);
    if (v == null) {
      return SafeFiles.DEFAULT_MAX_SIZE;
    }
    try {
      return SafeFiles.parseSize(v);
    } catch (IllegalArgumentException e) {
      throw new SecretConfigurationException("source " + id + " has maxSize=" + v + ", which " + e.getMessage());
    }
  }

  private static FileKey key(SourceUri uri, Path file, Environment environment, Function<String, String> env,
      byte[] given, PermissionPolicy permissions, String id) {
    if (given != null) {
      if (given.length != FileKey.LENGTH) {
        throw new IllegalArgumentException("the key must be " + FileKey.LENGTH + " bytes (AES-256), was "
            + given.length);
      }
      FileKey.requireRandom(given, "the key given in code is");
      return FileKey.of(given, "the key given in code");
    }
    String keyFile = uri.param("keyFile").orElse(null);
    if (keyFile != null) {
      return keyFromFile(keyFile, file, permissions, id);
    }
    String variable = keyVariable(environment);
    String text = env.apply(variable);
    if (text == null || text.isBlank()) {
      throw new SecretConfigurationException("source " + id + ": no key for the encrypted file " + file
          + "; set the environment variable " + variable + " to the base64 of the " + environment.name()
          + " key (32 bytes; make one with: java -cp <class path> dev.secrets4j.file.EncryptedFileTool keygen), "
          + "or add ?keyFile=PATH to the source URI");
    }
    byte[] raw;
    try {
      raw = FileKey.decode(text);
    } catch (IllegalArgumentException e) {
      throw new SecretConfigurationException("source " + id + ": the environment variable " + variable + " "
          + e.getMessage());
    }
    try {
      return FileKey.of(raw, "environment variable " + variable);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static FileKey keyFromFile(String keyFile, Path encrypted, PermissionPolicy permissions, String id) {
    String origin = "key file " + keyFile;
    Path kp;
    try {
      kp = Path.of(keyFile.startsWith("~/") ? System.getProperty("user.home") + keyFile.substring(1) : keyFile);
    } catch (InvalidPathException e) {
      throw new SecretConfigurationException("source " + id + ": keyFile '" + keyFile + "' is not a valid path");
    }
    byte[] content = null;
    byte[] raw = null;
    try {
      if (!Files.isRegularFile(kp)) {
        throw new SecretConfigurationException("source " + id + ": the " + origin + " does not exist or is not a "
            + "file" + whereRelative(kp));
      }
      if (Files.isSameFile(kp, encrypted)) {
        throw new SecretConfigurationException("source " + id + ": the key cannot come from the encrypted file "
            + "itself; keep it in its own file or in the environment variable");
      }
      // the key file's own fix, not the encrypted file's
      String refused = permissions.withFixHint("chmod 600 " + kp).check(kp, origin);
      if (refused != null) {
        throw new SecretConfigurationException("source " + id + ": " + refused);
      }
      if (Files.size(kp) > MAX_KEY_FILE) {
        throw new SecretConfigurationException("source " + id + ": the " + origin + " is over " + MAX_KEY_FILE
            + " bytes; a key file holds the base64 of 32 bytes (or the 32 bytes)");
      }
      content = Files.readAllBytes(kp);
      raw = FileKey.fromFileContent(content);
      return FileKey.of(raw, origin);
    } catch (IllegalArgumentException e) {
      throw new SecretConfigurationException("source " + id + ": the " + origin + " " + e.getMessage());
    } catch (IOException e) {
      throw new SecretConfigurationException("source " + id + ": the " + origin + " cannot be read: " + e, e);
    } finally {
      if (content != null) {
        Arrays.fill(content, (byte) 0);
      }
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }
}
