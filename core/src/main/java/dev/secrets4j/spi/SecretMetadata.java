package dev.secrets4j.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a store knows about a secret besides its value: dates, rotation settings and tags. Every field is
 * optional; a store fills in what it has. Never carries a value.
 */
public final class SecretMetadata {
  /** The tag (AWS, Azure) or label (GCP) that names the environment a secret belongs to. */
  public static final String ENVIRONMENT_TAG = "environment";

  private final Instant created;
  private final Instant lastChanged;
  private final Instant lastRotated;
  private final Instant nextRotation;
  private final java.time.Duration rotationPeriod;
  private final Instant expires;
  private final Instant notBefore;
  private final Boolean rotationEnabled;
  private final Boolean enabled;
  private final String contentType;
  private final Map<String, String> tags;

  private SecretMetadata(Builder b) {
    this.created = b.created;
    this.lastChanged = b.lastChanged;
    this.lastRotated = b.lastRotated;
    this.nextRotation = b.nextRotation;
    this.rotationPeriod = b.rotationPeriod;
    this.expires = b.expires;
    this.notBefore = b.notBefore;
    this.rotationEnabled = b.rotationEnabled;
    this.enabled = b.enabled;
    this.contentType = b.contentType;
    this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
  }

  /** A builder with every field empty. */
  public static Builder builder() {
    return new Builder();
  }

  public Optional<Instant> created() { return Optional.ofNullable(created); }
  public Optional<Instant> lastChanged() { return Optional.ofNullable(lastChanged); }
  public Optional<Instant> lastRotated() { return Optional.ofNullable(lastRotated); }
  public Optional<Instant> nextRotation() { return Optional.ofNullable(nextRotation); }
  /** How often the store rotates the secret by itself, where it is configured to. */
  public Optional<java.time.Duration> rotationPeriod() { return Optional.ofNullable(rotationPeriod); }
  public Optional<Instant> expires() { return Optional.ofNullable(expires); }
  public Optional<Instant> notBefore() { return Optional.ofNullable(notBefore); }
  public Optional<Boolean> rotationEnabled() { return Optional.ofNullable(rotationEnabled); }
  public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }
  public Optional<String> contentType() { return Optional.ofNullable(contentType); }

  /** The store's tags or labels, unmodifiable; empty when it has none. */
  public Map<String, String> tags() { return tags; }

  /**
   * The tag keys read as naming an environment, compared case-insensitively and ignoring {@code -} and
   * {@code _}: {@code environment}, {@code env}, {@code stage}, {@code app-env} ({@code Environment},
   * {@code ENV}, {@code app_env} count too).
   */
  public static final java.util.List<String> ENVIRONMENT_TAG_KEYS = java.util.List.of("environment", "env",
      "stage", "app-env");

  /** The first tag whose key is one of {@link #ENVIRONMENT_TAG_KEYS}, if the store has one. */
  public Optional<String> environmentTag() {
    for (String value : environmentTags().values()) {
      return Optional.of(value);
    }
    return Optional.empty();
  }

  /** Every tag whose key is one of {@link #ENVIRONMENT_TAG_KEYS}, by the store's own spelling of the key. */
  public Map<String, String> environmentTags() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String k = tag.getKey();
      String v = tag.getValue();
      String key = k == null ? "" : k.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
      if (v != null && (key.equals("environment") || key.equals("env") || key.equals("stage")
          || key.equals("appenv"))) {
        out.put(k, v);
      }
    }
    return out;
  }

  /** When the value last changed for rotation-age purposes: last rotated, else last changed, else created. */
  public Optional<Instant> rotationReference() {
    if (lastRotated != null) return Optional.of(lastRotated);
    if (lastChanged != null) return Optional.of(lastChanged);
    return Optional.ofNullable(created);
  }

  @Override
  public String toString() {
    return "SecretMetadata[created=" + created + ", lastChanged=" + lastChanged + ", lastRotated=" + lastRotated
        + ", nextRotation=" + nextRotation + ", expires=" + expires + ", tags=" + tags + "]";
  }

  /** Builds {@link SecretMetadata}; every setter accepts null for "unknown". */
  public static final class Builder {
    private Instant created;
    private Instant lastChanged;
    private Instant lastRotated;
    private Instant nextRotation;
    private java.time.Duration rotationPeriod;
    private Instant expires;
    private Instant notBefore;
    private Boolean rotationEnabled;
    private Boolean enabled;
    private String contentType;
    private final Map<String, String> tags = new LinkedHashMap<>();

    private Builder() {}

    public Builder created(Instant v) { this.created = v; return this; }
    public Builder lastChanged(Instant v) { this.lastChanged = v; return this; }
    public Builder lastRotated(Instant v) { this.lastRotated = v; return this; }
    public Builder nextRotation(Instant v) { this.nextRotation = v; return this; }
    public Builder rotationPeriod(java.time.Duration v) { this.rotationPeriod = v; return this; }
    public Builder expires(Instant v) { this.expires = v; return this; }
    public Builder notBefore(Instant v) { this.notBefore = v; return this; }
    public Builder rotationEnabled(Boolean v) { this.rotationEnabled = v; return this; }
    public Builder enabled(Boolean v) { this.enabled = v; return this; }
    public Builder contentType(String v) { this.contentType = v; return this; }
    public Builder tag(String key, String value) { this.tags.put(key, value); return this; }
    public Builder tags(Map<String, String> tags) { if (tags != null) this.tags.putAll(tags); return this; }

    public SecretMetadata build() {
      return new SecretMetadata(this);
    }
  }
}
