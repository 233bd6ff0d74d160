package dev.secrets4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets an application needs, checked before it serves traffic by {@link Secrets#validate(Manifest)}
 * and {@link SecretsBuilder#require(Manifest)}.
 *
 * <p>Two file forms, told apart by name: a {@code .env.example} (any file whose name contains
 * {@code .env}): every {@code KEY=} line names a required secret and its value is ignored; or a manifest,
 * one secret a line:
 * <pre>
 * # name              need       [environments]
 * stripe-api-key      required
 * sentry-dsn          optional
 * payments-webhook    required   except=development
 * audit-signing-key   required   only=production,staging
 * </pre>
 */
public final class Manifest {
  /** One secret of the manifest. */
  public static final class Item {
    private final String name;
    private final boolean required;
    private final Set<String> except;
    private final Set<String> only;

    private Item(String name, boolean required, Set<String> except, Set<String> only) {
      this.name = name;
      this.required = required;
      this.except = Collections.unmodifiableSet(except);
      this.only = Collections.unmodifiableSet(only);
    }

    public String name() { return name; }

    /** True when the secret must exist (in the environments it applies to). */
    public boolean required() { return required; }

    /** True when this item applies in {@code env}. */
    public boolean appliesIn(Environment env) {
      return !except.contains(env.name()) && (only.isEmpty() || only.contains(env.name()));
    }

    @Override
    public String toString() {
      return name + (required ? " required" : " optional")
          + (except.isEmpty() ? "" : " except=" + String.join(",", except))
          + (only.isEmpty() ? "" : " only=" + String.join(",", only));
    }
  }

  private final List<Item> items;
  private final String origin;

  private Manifest(List<Item> items, String origin) {
    this.items = Collections.unmodifiableList(items);
    this.origin = origin;
  }

  /** A manifest requiring exactly these names everywhere. */
  public static Manifest of(String... required) {
    Builder b = builder();
    for (String n : required) {
      b.required(n);
    }
    return b.build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder("code");
  }

  /**
   * Reads a {@code .env.example} or a manifest file.
   *
   * @throws SecretConfigurationException naming the file and line of a malformed line
   */
  public static Manifest parse(Path file) {
    Objects.requireNonNull(file, "file");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SecretConfigurationException("manifest " + file + " cannot be read: " + e.getMessage(), e);
    }
    String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
    return parse(lines, file.toString(), fileName.contains(".env"));
  }

  /**
   * Parses manifest text; {@code origin} names it in errors. {@code envExample}: the lines are KEY=value.
   *
   * @throws SecretConfigurationException naming {@code origin} and the line of a malformed line
   */
  public static Manifest parse(List<String> lines, String origin, boolean envExample) {
    return ManifestParser.parse(lines, origin, envExample);
  }

  /** A builder for a manifest read from {@code origin} (the parser's). */
  static Builder builder(String origin) {
    return new Builder(origin);
  }

  /** Every item, in file order. */
  public List<Item> items() {
    return items;
  }

  /** The items that apply in {@code env}. */
  public List<Item> itemsFor(Environment env) {
    List<Item> out = new ArrayList<>();
    for (Item i : items) {
      if (i.appliesIn(env)) {
        out.add(i);
      }
    }
    return out;
  }

  /** Where this manifest came from: a file name or {@code code}. */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "Manifest[" + origin + ", " + items.size() + " secrets]";
  }

  /** Builds a {@link Manifest}. */
  public static final class Builder {
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final String origin;

    private Builder(String origin) {
      this.origin = origin;
    }

    public Builder required(String name) {
      return add(name, true, Set.of(), Set.of(), "code");
    }

    public Builder optional(String name) {
      return add(name, false, Set.of(), Set.of(), "code");
    }

    /** Required everywhere but in {@code environments}. */
    public Builder requiredExcept(String name, String... environments) {
      Set<String> except = new LinkedHashSet<>();
      for (String e : environments) {
        except.add(Environment.of(e).name());
      }
      return add(name, true, except, Set.of(), "code");
    }

    Builder add(String name, boolean required, Set<String> except, Set<String> only, String where) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new SecretConfigurationException(where + ": empty secret name");
      }
      if (items.putIfAbsent(name, new Item(name, required, new LinkedHashSet<>(except), new LinkedHashSet<>(only))) != null) {
        throw new SecretConfigurationException(where + ": secret '" + name + "' is listed twice");
      }
      return this;
    }

    public Manifest build() {
      return new Manifest(new ArrayList<>(items.values()), origin);
    }
  }

  /**
   * The result of {@link Secrets#validate(Manifest)}: every problem at once, and each secret's rotation age.
   * Never contains a value. {@link #toString()} is the human-readable report.
   */
  public static final class Report {
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
    Report(Environment environment, String sourceId, String manifestOrigin, int checked,
        List<Problem> problems, List<Rotation> rotation) {
      this(environment, sourceId, manifestOrigin, checked, problems, rotation, List.of());
    }

    /** A report; {@code absentOptional} names the optional secrets the source does not have. */
    Report(Environment environment, String sourceId, String manifestOrigin, int checked,
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
}
