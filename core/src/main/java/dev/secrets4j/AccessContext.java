package dev.secrets4j;

import dev.secrets4j.internal.Text;
import java.util.Objects;
import java.util.Optional;

/**
 * Who reads a secret and why, recorded in every audit event: a principal ({@code billing-service},
 * {@code alice@example.com}) and a purpose ({@code charge-card}). Equal by value; keep instances in
 * constants so the read path allocates nothing.
 */
public final class AccessContext {
  private static final AccessContext NONE = new AccessContext(null, null);

  private final String principal;
  private final String purpose;
  private final int hash;

  private AccessContext(String principal, String purpose) {
    this.principal = principal;
    this.purpose = purpose;
    this.hash = Objects.hashCode(principal) * 31 + Objects.hashCode(purpose);
  }

  /**
   * A context with a principal and a purpose, both non-blank printable text.
   *
   * @throws NullPointerException when either is null
   * @throws IllegalArgumentException when either is blank or holds a control or format character (line breaks,
   *     tabs, NUL, bidirectional overrides): they would let a caller forge or disguise audit lines
   */
  public static AccessContext of(String principal, String purpose) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(purpose, "purpose");
    if (principal.isBlank() || purpose.isBlank()) {
      throw new IllegalArgumentException("principal and purpose must not be blank");
    }
    Text.requireSafe(principal, "the principal");
    Text.requireSafe(purpose, "the purpose");
    return new AccessContext(principal, purpose);
  }

  /** The context of a read that gave none: principal and purpose unknown. */
  public static AccessContext none() {
    return NONE;
  }

  /** The principal, or empty for {@link #none()}. */
  public Optional<String> principal() {
    return Optional.ofNullable(principal);
  }

  /** The purpose, or empty for {@link #none()}. */
  public Optional<String> purpose() {
    return Optional.ofNullable(purpose);
  }

  /** True when this context names a principal and a purpose. */
  public boolean isIdentified() {
    return principal != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessContext other
        && Objects.equals(other.principal, principal)
        && Objects.equals(other.purpose, purpose);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return principal == null && purpose == null ? "AccessContext[none]" : "AccessContext[" + principal + ", " + purpose + "]";
  }
}
