package dev.secrets4j.spring;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which Spring property names read which secrets, parsed from one import location.
 *
 * <ul>
 *   <li>{@code secrets4j:} — any property {@code secrets.NAME} reads secret {@code NAME};
 *   <li>{@code secrets4j:?prefix=app.secret.} — the same with another prefix;
 *   <li>{@code secrets4j:stripe-api-key;spring.datasource.password=database-credentials#password} — only the listed
 *       ones: a bare name reads as prefix + name, {@code property=secret} maps a property to a secret; the listed
 *       secrets are checked when the configuration loads.
 * </ul>
 * Entries are separated by {@code ;} since Spring splits {@code spring.config.import} on commas.
 */
final class SecretMapping {
  static final String PREFIX = "secrets4j:";
  static final String DEFAULT_PROPERTY_PREFIX = "secrets.";

  private final String location;
  private final String prefix;
  private final Map<String, String> listed; // property name -> secret name; empty: prefix form

  private SecretMapping(String location, String prefix, Map<String, String> listed) {
    this.location = location;
    this.prefix = prefix;
    this.listed = listed;
  }

  static SecretMapping parse(String location) {
    if (!location.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a secrets4j: location: " + location);
    }
    String rest = location.substring(PREFIX.length()).trim();
    String prefix = DEFAULT_PROPERTY_PREFIX;
    int q = rest.indexOf('?');
    if (q >= 0) {
      String query = rest.substring(q + 1);
      rest = rest.substring(0, q).trim();
      for (String param : query.split("&")) {
        if (param.isBlank()) {
          continue;
        }
        int eq = param.indexOf('=');
        String key = eq < 0 ? param : param.substring(0, eq);
        if (!key.equals("prefix")) {
          throw new IllegalArgumentException("unknown parameter '" + key + "' in " + location
              + "; the only parameter is prefix (secrets4j:?prefix=app.secret.)");
        }
        prefix = eq < 0 ? "" : param.substring(eq + 1).trim();
      }
    }
    Map<String, String> listed = new LinkedHashMap<>();
    for (String entry : rest.split(";")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.indexOf('=');
      String property = eq < 0 ? prefix + e : e.substring(0, eq).trim();
      String secret = eq < 0 ? e : e.substring(eq + 1).trim();
      if (property.isEmpty() || secret.isEmpty()) {
        throw new IllegalArgumentException("entry '" + e + "' in " + location + " needs a property and a secret "
            + "name (property=secret) or a secret name");
      }
      if (listed.put(property.toLowerCase(Locale.ROOT), secret) != null) {
        throw new IllegalArgumentException("property '" + property + "' is mapped twice in " + location);
      }
    }
    if (listed.isEmpty() && prefix.isEmpty()) {
      throw new IllegalArgumentException(location + " maps every property name to a secret; give a prefix "
          + "(secrets4j:?prefix=app.secret.) or list the secrets (secrets4j:stripe-api-key;sendgrid-api-key)");
    }
    return new SecretMapping(location, prefix, Map.copyOf(listed));
  }

  /** The secret (with its {@code #field}, if any) that {@code propertyName} reads, if any. */
  Optional<String> secretFor(String propertyName) {
    if (!listed.isEmpty()) {
      return Optional.ofNullable(listed.get(propertyName.toLowerCase(Locale.ROOT)));
    }
    // Spring asks for "name:default" whole before splitting off the default, so ':' ends no secret name here
    if (propertyName.length() > prefix.length() && propertyName.startsWith(prefix)
        && propertyName.indexOf(':', prefix.length()) < 0) {
      return Optional.of(propertyName.substring(prefix.length()));
    }
    return Optional.empty();
  }

  /** The listed secrets, property name to secret; empty for the prefix form. */
  Map<String, String> listed() {
    return listed;
  }

  String location() {
    return location;
  }

  /** The secret a (possibly {@code #field}) name belongs to. */
  static String baseName(String secret) {
    int hash = secret.indexOf('#');
    return hash < 0 ? secret : secret.substring(0, hash);
  }

  @Override
  public String toString() {
    return location;
  }
}
