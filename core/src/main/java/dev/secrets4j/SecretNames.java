package dev.secrets4j;

import dev.secrets4j.internal.Text;
import java.util.Objects;

/**
 * What a secret name may be: non-empty parts around an optional {@code #field}, and printable text only; and the
 * one place that splits {@code base#field}.
 */
final class SecretNames {
  private SecretNames() {}

  /**
   * Returns the index of {@code #} in {@code name}, or -1.
   *
   * @throws NullPointerException when {@code name} is null
   * @throws IllegalArgumentException when a part is empty or the name holds a control or format character (the
   *     message gives the position and code point, not the name, which could itself forge a log line)
   */
  static int check(String name) {
    Objects.requireNonNull(name, "name");
    Text.requireSafe(name, "secret name");
    int hash = name.indexOf('#');
    if (name.isEmpty() || hash == 0 || hash == name.length() - 1) {
      throw new IllegalArgumentException("secret name '" + name + "' is empty or has an empty part around '#'");
    }
    return hash;
  }

  /** The secret that holds {@code name}: {@code db} for {@code db#password}, the name itself otherwise. */
  static String base(String name) {
    int hash = name.indexOf('#');
    return hash > 0 ? name.substring(0, hash) : name;
  }

  /** The field {@code name} reads ({@code password} for {@code db#password}), or null for a whole secret. */
  static String field(String name) {
    int hash = name.indexOf('#');
    return hash > 0 ? name.substring(hash + 1) : null;
  }
}
