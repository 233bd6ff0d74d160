package dev.secrets4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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

  /** Parses manifest text; {@code origin} names it in errors. {@code envExample}: the lines are KEY=value. */
  public static Manifest parse(List<String> lines, String origin, boolean envExample) {
    Builder b = new Builder(origin);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = origin + " line " + (i + 1);
      if (envExample) {
        if (line.startsWith("export ")) {
          line = line.substring(7).strip();
        }
        int eq = line.indexOf('=');
        String key = eq < 0 ? line : line.substring(0, eq).strip();
        if (eq <= 0 || !key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
          throw new SecretConfigurationException(where + ": expected KEY=value (the value is ignored)");
        }
        b.add(key, true, Set.of(), Set.of(), where);
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length < 2) {
        throw new SecretConfigurationException(where + ": expected '<name> required|optional [except=…|only=…]'");
      }
      boolean required;
      switch (parts[1].toLowerCase(Locale.ROOT)) {
        case "required": required = true; break;
        case "optional": required = false; break;
        default:
          throw new SecretConfigurationException(where + ": '" + parts[1] + "' must be 'required' or 'optional'");
      }
      Set<String> except = new LinkedHashSet<>();
      Set<String> only = new LinkedHashSet<>();
      for (int p = 2; p < parts.length; p++) {
        String opt = parts[p];
        if (opt.startsWith("#")) {
          break;
        }
        if (opt.startsWith("except=")) {
          except.addAll(envList(opt.substring(7), where));
        } else if (opt.startsWith("only=")) {
          only.addAll(envList(opt.substring(5), where));
        } else {
          throw new SecretConfigurationException(where + ": unknown option '" + opt + "'; valid: except=, only=");
        }
      }
      b.add(parts[0], required, except, only, where);
    }
    return b.build();
  }

  private static List<String> envList(String csv, String where) {
    List<String> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        try {
          out.add(Environment.of(s).name());
        } catch (IllegalArgumentException e) {
          throw new SecretConfigurationException(where + ": " + e.getMessage());
        }
      }
    }
    return out;
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
}
