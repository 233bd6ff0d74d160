package dev.secrets4j;

import dev.secrets4j.internal.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One audited access: when, which environment, which secret from which source and version, the outcome,
 * who and why (from {@link AccessContext}), how long it took and, when configured, a keyed fingerprint of
 * the value (HMAC-SHA256, truncated) so that two events can be compared without revealing it. Never the
 * value.
 *
 * <p>Cache hits are aggregated by default: one {@link Outcome#HIT} event per secret, principal and purpose
 * per flush interval, with {@link #count()} the number of hits it stands for. Every other outcome is one
 * event per access ({@code count() == 1}).
 */
public final class AuditEvent {
  /** What happened. */
  public enum Outcome {
    /** Served from the cache. */
    HIT,
    /** Read from the store on a miss. */
    LOADED,
    /** Reloaded from the store; same version. */
    REFRESHED,
    /** Reloaded from the store; a new version became current. */
    ROTATED,
    /** The store failed; the last good value was served. */
    STALE,
    /** The secret does not exist. */
    NOT_FOUND,
    /** The store or a guard or policy refused the read. */
    DENIED,
    /** The read failed with no value to serve. */
    FAILED,
    /**
     * The store refused a cached secret definitively (deleted, disabled, access or decryption refused) and the
     * revocation grace passed: the value is no longer served. One event per revocation.
     */
    REVOKED
  }

  private final Instant time;
  private final String environment;
  private final String secretName;
  private final String sourceId;
  private final String versionId;
  private final Outcome outcome;
  private final String principal;
  private final String purpose;
  private final Duration latency;
  private final long count;
  private final String fingerprint;
  private final String detail;

  private AuditEvent(Builder b) {
    this.time = Objects.requireNonNull(b.time, "time");
    this.environment = Objects.requireNonNull(b.environment, "environment");
    this.secretName = Objects.requireNonNull(b.secretName, "secretName");
    this.sourceId = Objects.requireNonNull(b.sourceId, "sourceId");
    this.versionId = b.versionId;
    this.outcome = Objects.requireNonNull(b.outcome, "outcome");
    this.principal = b.principal;
    this.purpose = b.purpose;
    this.latency = b.latency == null ? Duration.ZERO : b.latency;
    this.count = b.count;
    this.fingerprint = b.fingerprint;
    this.detail = b.detail;
  }

  /** A builder; the resolver builds events, applications build them in tests. */
  public static Builder builder() {
    return new Builder();
  }

  public Instant time() { return time; }
  /** The environment name: {@code production}. */
  public String environment() { return environment; }
  public String secretName() { return secretName; }
  public String sourceId() { return sourceId; }
  /** The version served or loaded; empty when nothing was. */
  public Optional<String> versionId() { return Optional.ofNullable(versionId); }
  public Outcome outcome() { return outcome; }
  /** The principal from the access context; empty when none was given. */
  public Optional<String> principal() { return Optional.ofNullable(principal); }
  /** The purpose from the access context; empty when none was given. */
  public Optional<String> purpose() { return Optional.ofNullable(purpose); }
  /** How long the access took; zero for aggregated hits. */
  public Duration latency() { return latency; }
  /** How many accesses this event stands for: 1, or the hits aggregated into it. */
  public long count() { return count; }
  /** The keyed fingerprint of the value served, when a fingerprint key is configured. */
  public Optional<String> fingerprint() { return Optional.ofNullable(fingerprint); }
  /** A short explanation for failures and refusals (never a value). */
  public Optional<String> detail() { return Optional.ofNullable(detail); }

  /**
   * One logfmt line, as the built-in SLF4J hook writes it: {@code key=value} pairs separated by one space. A
   * value is bare when it is printable ASCII without space, quote or backslash, else double-quoted with
   * {@code \" \\ \n \r \t} and {@code \}{@code uXXXX} escapes; {@code detail} is always quoted. Whatever the
   * fields hold, one event is exactly one line.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(160);
    field(sb, "time", time.toString());
    field(sb.append(' '), "env", environment);
    field(sb.append(' '), "secret", secretName);
    field(sb.append(' '), "source", sourceId);
    field(sb.append(' '), "outcome", outcome.name());
    if (versionId != null) field(sb.append(' '), "version", versionId);
    field(sb.append(' '), "principal", principal == null ? "-" : principal);
    field(sb.append(' '), "purpose", purpose == null ? "-" : purpose);
    if (count != 1) sb.append(" count=").append(count);
    sb.append(" latency_us=").append(latency.toNanos() / 1000);
    if (fingerprint != null) field(sb.append(' '), "fingerprint", fingerprint);
    if (detail != null) Text.appendValue(sb.append(" detail="), detail, true);
    return sb.toString();
  }

  private static void field(StringBuilder sb, String key, String value) {
    Text.appendValue(sb.append(key).append('='), value, false);
  }

  /** Builds an {@link AuditEvent}. */
  public static final class Builder {
    private Instant time;
    private String environment;
    private String secretName;
    private String sourceId;
    private String versionId;
    private Outcome outcome;
    private String principal;
    private String purpose;
    private Duration latency;
    private long count = 1;
    private String fingerprint;
    private String detail;

    private Builder() {}

    public Builder time(Instant v) { this.time = v; return this; }
    public Builder environment(String v) { this.environment = v; return this; }
    public Builder secretName(String v) { this.secretName = v; return this; }
    public Builder sourceId(String v) { this.sourceId = v; return this; }
    public Builder versionId(String v) { this.versionId = v; return this; }
    public Builder outcome(Outcome v) { this.outcome = v; return this; }
    public Builder access(AccessContext c) { this.principal = c.principal().orElse(null); this.purpose = c.purpose().orElse(null); return this; }
    public Builder latency(Duration v) { this.latency = v; return this; }
    public Builder count(long v) {
      if (v < 1) throw new IllegalArgumentException("count must be >= 1");
      this.count = v;
      return this;
    }
    public Builder fingerprint(String v) { this.fingerprint = v; return this; }
    public Builder detail(String v) { this.detail = v; return this; }

    public AuditEvent build() {
      return new AuditEvent(this);
    }
  }
}
