package dev.secrets4j.gcp.internal;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;

/**
 * Secret Manager's resource names for the application's secret names, and its version numbers: the secret
 * {@code projects/P[/locations/L]/secrets/PREFIXname}, its versions {@code .../versions/N}.
 */
final class SecretNames {
  static final String LATEST = "latest";

  private final GcpSourceSettings settings;

  SecretNames(GcpSourceSettings settings) {
    this.settings = settings;
  }

  /**
   * The secret's resource name.
   *
   * @throws SecretSourceException PERMANENT when prefix and name make no valid secret id
   */
  String secret(String name) throws SecretSourceException {
    String id = settings.secretId(name);
    if (id == null) {
      throw new SecretSourceException(Kind.PERMANENT, "secret '" + name + "' cannot be read from " + settings.id()
          + ": '" + settings.prefix() + name + "' is not a Secret Manager secret id (1 to 255 letters, digits, '-' "
          + "and '_'); rename it");
    }
    return settings.parent() + "/secrets/" + id;
  }

  /** The resource name of version {@code version} (a number or an alias) of the secret {@code secret} names. */
  static String version(String secret, String version) {
    return secret + "/versions/" + version;
  }

  /**
   * A version id as the store names it: a number, or a version alias ({@code prod}), which the store resolves.
   *
   * @throws SecretSourceException NOT_FOUND, without a call, for anything that is neither
   */
  String numberOrAlias(String name, String versionId) throws SecretSourceException {
    if (versionId.chars().allMatch(c -> c >= '0' && c <= '9') && versionId.length() <= 18) {
      long n = Long.parseLong(versionId);
      if (n > 0) {
        return Long.toString(n);
      }
    } else if (GcpSourceSettings.checkAlias(versionId) == null) {
      return versionId;
    }
    throw new SecretSourceException(Kind.NOT_FOUND, "secret '" + name + "' has no version '" + versionId + "' in "
        + settings.id() + "; Secret Manager names versions by number (1, 2, 3, ...) or by a version alias (1 to 63 "
        + "letters, digits, '-' and '_')");
  }

  /**
   * The version number a version's resource name ends in.
   *
   * @throws SecretSourceException PERMANENT when the store answered with a name that ends in no number
   */
  String idOf(String versionName, String name, String resource) throws SecretSourceException {
    long n = numberOrMinusOne(versionName);
    if (n < 0) {
      throw new SecretSourceException(Kind.PERMANENT, "reading secret '" + name + "' (" + resource + ") from "
          + settings.id() + " failed: the store answered with version name '" + versionName
          + "', which ends in no version number");
    }
    return Long.toString(n);
  }

  /** The number a version's resource name ends in, or -1. */
  static long numberOrMinusOne(String versionName) {
    int slash = versionName.lastIndexOf('/');
    String last = versionName.substring(slash + 1);
    if (last.isEmpty() || !last.chars().allMatch(c -> c >= '0' && c <= '9') || last.length() > 18) {
      return -1;
    }
    return Long.parseLong(last);
  }
}
