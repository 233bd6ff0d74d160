package dev.secrets4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link Secrets#validate(Manifest)}: every problem at once, and each secret's rotation age.
 * Never contains a value. {@link #toString()} is the human-readable report.
 */
public final class ValidationReport {
  /** How bad a problem is: errors make the report invalid. */
  public enum Severity { ERROR, WARNING }

  /** What is wrong with a secret. */
  public enum Kind { MISSING, EMPTY, DENIED, REFUSED, UNAVAILABLE, ROTATION_OVERDUE }

  /** One problem with one secret. */
  public static final class Problem {
    private final String secretName;
    private final Kind kind;
    private final Severity severity;
    private final String detail;

    Problem(String secretName, Kind kind, Severity severity, String detail) {
      this.secretName = secretName;
      this.kind = kind;
      this.severity = severity;
      this.detail = detail;
    }

    public String secretName() { return secretName; }
    public Kind kind() { return kind; }
    public Severity severity() { return severity; }
    public String detail() { return detail; }

    @Override
    public String toString() {
      return severity + " " + kind + " " + secretName + ": " + detail;
    }
  }

  /** One secret's rotation age against the policy. */
  public static final class Rotation {
    private final String secretName;
    private final String category;
    private final Duration age;
    private final Duration maxAge;

    Rotation(String secretName, String category, Duration age, Duration maxAge) {
      this.secretName = secretName;
      this.category = category;
      this.age = age;
      this.maxAge = maxAge;
    }

    public String secretName() { return secretName; }
    /** The policy category, or empty when no category applies. */
    public Optional<String> category() { return Optional.ofNullable(category); }
    /** The age, or empty when the store keeps no dates. */
    public Optional<Duration> age() { return Optional.ofNullable(age); }
    /** The limit, or empty when no category applies. */
    public Optional<Duration> maxAge() { return Optional.ofNullable(maxAge); }

    /** Whole days past the limit; 0 when within it or unknown. */
    public long daysOverdue() {
      if (age == null || maxAge == null || age.compareTo(maxAge) <= 0) {
        return 0;
      }
      return age.minus(maxAge).toDays();
    }

    public boolean overdue() {
      return age != null && maxAge != null && age.compareTo(maxAge) > 0;
    }

    @Override
    public String toString() {
      return secretName + " category=" + (category == null ? "-" : category)
          + " age=" + (age == null ? "unknown" : age.toDays() + "d")
          + " limit=" + (maxAge == null ? "-" : maxAge.toDays() + "d")
          + (overdue() ? " OVERDUE by " + daysOverdue() + "d" : "");
    }
  }

  private final Environment environment;
  private final String sourceId;
  private final String manifestOrigin;
  private final int checked;
  private final List<Problem> problems;
  private final List<Rotation> rotation;
  private final List<String> absentOptional;

  /** A report without absent optional secrets. */
  ValidationReport(Environment environment, String sourceId, String manifestOrigin, int checked,
      List<Problem> problems, List<Rotation> rotation) {
    this(environment, sourceId, manifestOrigin, checked, problems, rotation, List.of());
  }

  /** A report; {@code absentOptional} names the optional secrets the source does not have. */
  ValidationReport(Environment environment, String sourceId, String manifestOrigin, int checked,
      List<Problem> problems, List<Rotation> rotation, List<String> absentOptional) {
    this.absentOptional = List.copyOf(absentOptional);
    this.environment = environment;
    this.sourceId = sourceId;
    this.manifestOrigin = manifestOrigin;
    this.checked = checked;
    this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    this.rotation = Collections.unmodifiableList(new ArrayList<>(rotation));
  }

  public Environment environment() { return environment; }
  public String sourceId() { return sourceId; }
  /** How many secrets were checked. */
  public int checked() { return checked; }
  /** Every problem, errors and warnings. */
  public List<Problem> problems() { return problems; }
  /** Optional secrets the source does not have: not a problem, but reported (one line each). */
  public List<String> absentOptional() { return absentOptional; }
  /** Rotation age of every secret checked that exists. */
  public List<Rotation> rotation() { return rotation; }

  /** True when there is no error (warnings allowed). */
  public boolean isValid() {
    return problems.stream().noneMatch(p -> p.severity == Severity.ERROR);
  }

  /** The errors only. */
  public List<Problem> errors() {
    return problems.stream().filter(p -> p.severity == Severity.ERROR).collect(java.util.stream.Collectors.toList());
  }

  /** The warnings only. */
  public List<Problem> warnings() {
    return problems.stream().filter(p -> p.severity == Severity.WARNING).collect(java.util.stream.Collectors.toList());
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append("secrets4j validation of ").append(manifestOrigin).append(" in ").append(environment)
        .append(" (").append(sourceId).append("): ").append(checked).append(" checked, ")
        .append(plural(errors().size(), "error")).append(", ").append(plural(warnings().size(), "warning"))
        .append(isValid() ? " — OK" : " — FAILED");
    for (Problem p : problems) {
      sb.append("\n  ").append(p);
    }
    for (String name : absentOptional) {
      sb.append("\n  INFO ABSENT ").append(name).append(": optional, not found in ").append(sourceId);
    }
    if (!rotation.isEmpty()) {
      sb.append("\n  rotation:");
      for (Rotation r : rotation) {
        sb.append("\n    ").append(r);
      }
    }
    return sb.toString();
  }
}
