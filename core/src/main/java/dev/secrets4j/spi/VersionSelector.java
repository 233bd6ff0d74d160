package dev.secrets4j.spi;

import java.util.Objects;

/**
 * Which version of a secret to fetch: the current one, the previous one (the version that was current
 * before the last rotation), or one version by its store-specific id.
 */
public final class VersionSelector {
  /** Which kind of selector this is. */
  public enum Kind { CURRENT, PREVIOUS, ID }

  /** The current version ({@code AWSCURRENT}, {@code latest}, the newest enabled version). */
  public static final VersionSelector CURRENT = new VersionSelector(Kind.CURRENT, null);
  /** The version that was current before the last rotation ({@code AWSPREVIOUS}, the next enabled one). */
  public static final VersionSelector PREVIOUS = new VersionSelector(Kind.PREVIOUS, null);

  private final Kind kind;
  private final String versionId;

  private VersionSelector(Kind kind, String versionId) {
    this.kind = kind;
    this.versionId = versionId;
  }

  /** One exact version by the id the store gave it. */
  public static VersionSelector id(String versionId) {
    Objects.requireNonNull(versionId, "versionId");
    if (versionId.isBlank()) {
      throw new IllegalArgumentException("versionId must not be blank");
    }
    return new VersionSelector(Kind.ID, versionId);
  }

  public Kind kind() {
    return kind;
  }

  /** The version id for {@link Kind#ID}; null otherwise. */
  public String versionId() {
    return versionId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionSelector other
        && other.kind == kind
        && Objects.equals(other.versionId, versionId);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Objects.hashCode(versionId);
  }

  @Override
  public String toString() {
    return kind == Kind.ID ? "version " + versionId : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
