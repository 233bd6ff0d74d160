package dev.secrets4j.spi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable value of a secret as a store returned it: a version id, the bytes, and where the store
 * knows them, a creation time and a stage. {@link #toString()} never shows the value.
 */
public final class SecretVersion {
  /** The stage a store gave this version. */
  public enum Stage { CURRENT, PREVIOUS, PENDING, OTHER }

  private final String versionId;
  private final byte[] value;
  private final Instant created;
  private final Stage stage;
  private final SecretMetadata metadata;
  private final String origin;

  private SecretVersion(String versionId, byte[] value, Instant created, Stage stage, SecretMetadata metadata,
      String origin) {
    this.versionId = versionId;
    this.value = value;
    this.created = created;
    this.stage = stage;
    this.metadata = metadata;
    this.origin = origin;
  }

  /**
   * A version id for a store that keeps no versions of its own (files, environment variables): 16 hex digits, equal
   * for equal content and new for changed content within this process. It is keyed with a random per-process key,
   * so an id that reaches an audit log cannot confirm a guessed value offline; rotation detection needs no more.
   *
   * @throws NullPointerException when {@code content} is null
   */
  public static String contentId(byte[] content) {
    return ContentIds.versionId(Objects.requireNonNull(content, "content"));
  }

  /** A version with the given id and value (copied); stage {@code CURRENT}, no creation time. */
  public static SecretVersion of(String versionId, byte[] value) {
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(value, "value");
    if (versionId.isEmpty()) {
      throw new IllegalArgumentException("versionId must not be empty");
    }
    return new SecretVersion(versionId, value.clone(), null, Stage.CURRENT, null, null);
  }

  /** A version whose value is the UTF-8 encoding of {@code value}. */
  public static SecretVersion of(String versionId, String value) {
    Objects.requireNonNull(value, "value");
    return of(versionId, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy with the given creation time (may be null). */
  public SecretVersion withCreated(Instant created) {
    return new SecretVersion(versionId, value, created, stage, metadata, origin);
  }

  /** A copy with the given stage. */
  public SecretVersion withStage(Stage stage) {
    return new SecretVersion(versionId, value, created, Objects.requireNonNull(stage, "stage"), metadata,
        origin);
  }

  /**
   * A copy carrying the secret's metadata, for stores whose read answers with both (Key Vault): the resolver then
   * makes no separate {@link SecretSource#metadata} call for the guards.
   */
  public SecretVersion withMetadata(SecretMetadata metadata) {
    return new SecretVersion(versionId, value, created, stage, metadata, origin);
  }

  /**
   * A copy noting where in the source the value came from, when that is not the source's usual place (for
   * example {@code replica region us-west-2}); the resolver adds it to the audit event of the read. Never a
   * credential, a path's contents or a value.
   *
   * @throws IllegalArgumentException when {@code origin} is blank or longer than 200 characters
   */
  public SecretVersion withOrigin(String origin) {
    Objects.requireNonNull(origin, "origin");
    if (origin.isBlank() || origin.length() > 200) {
      throw new IllegalArgumentException("origin must be 1 to 200 characters, not blank");
    }
    return new SecretVersion(versionId, value, created, stage, metadata, origin);
  }

  /** Where in the source the value came from, when the source said ({@link #withOrigin}). */
  public Optional<String> origin() {
    return Optional.ofNullable(origin);
  }

  /** The metadata that came with the value, if the store sent it in the same answer. */
  public Optional<SecretMetadata> metadata() {
    return Optional.ofNullable(metadata);
  }

  /** The store's id of this version (AWS version id, GCP version number, Azure version, content digest). */
  public String versionId() {
    return versionId;
  }

  /** A copy of the value's bytes. */
  public byte[] value() {
    return value.clone();
  }

  /** The value decoded as UTF-8. */
  public String valueAsString() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** The length of the value in bytes. */
  public int length() {
    return value.length;
  }

  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  public Stage stage() {
    return stage;
  }

  /** True when both versions carry the same id and the same bytes. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SecretVersion other)) {
      return false;
    }
    return versionId.equals(other.versionId) && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return versionId.hashCode();
  }

  @Override
  public String toString() {
    return "SecretVersion[id=" + versionId + ", stage=" + stage + ", " + value.length + " bytes]";
  }
}
