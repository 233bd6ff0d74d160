package dev.secrets4j.azure.internal;

import dev.secrets4j.spi.SecretSourceException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Maps logical secret names to Key Vault secret names. Key Vault allows only letters, digits and {@code -}
 * (1 to 127 characters) and compares names without regard to case, so {@code .}, {@code _} and {@code /}
 * become {@code -}: {@code db.password}, {@code db_password} and {@code db/password} are all {@code db-password}.
 *
 * <p>Two different logical names that land on the same Key Vault name (ignoring case) would silently read the
 * same secret; the second one asked for is refused instead, for the life of the source.
 */
final class KeyVaultNames {
  private static final Pattern VALID = Pattern.compile("[0-9A-Za-z-]{1,127}");

  /** Lower-cased Key Vault name → the first logical name that used it. */
  private final ConcurrentMap<String, String> claimed = new ConcurrentHashMap<>();

  /** {@code db.password} → {@code db-password}; no check. */
  static String map(String logicalName) {
    StringBuilder sb = new StringBuilder(logicalName.length());
    for (int i = 0; i < logicalName.length(); i++) {
      char c = logicalName.charAt(i);
      sb.append(c == '.' || c == '_' || c == '/' ? '-' : c);
    }
    return sb.toString();
  }

  /**
   * The Key Vault name for {@code logicalName}, claimed for it.
   *
   * @throws SecretSourceException {@code PERMANENT} when the name cannot be a Key Vault name, or when another
   *     logical name already maps to the same Key Vault name
   */
  String vaultName(String logicalName, String sourceId) throws SecretSourceException {
    String mapped = map(logicalName);
    if (!VALID.matcher(mapped).matches()) {
      throw new SecretSourceException(SecretSourceException.Kind.PERMANENT, "secret name '" + logicalName
          + "' cannot be read from " + sourceId + ": Key Vault secret names are 1-127 letters, digits and '-' ('.',"
          + " '_' and '/' are mapped to '-'); rename the secret");
    }
    String key = mapped.toLowerCase(Locale.ROOT);
    String owner = claimed.putIfAbsent(key, logicalName);
    if (owner != null && !owner.equals(logicalName)) {
      throw new SecretSourceException(SecretSourceException.Kind.PERMANENT, "secret names '" + owner + "' and '"
          + logicalName + "' both map to Key Vault secret '" + mapped + "' in " + sourceId + " (Key Vault names"
          + " allow only letters, digits and '-', so '.', '_' and '/' become '-', and ignore case); this is a"
          + " configuration error: rename one of them so that each has its own secret");
    }
    return mapped;
  }
}
