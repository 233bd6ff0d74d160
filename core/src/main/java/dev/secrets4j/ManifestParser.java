package dev.secrets4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a manifest's lines, or a {@code .env.example}'s, into a {@link Manifest}; every error names the line. */
final class ManifestParser {
  private static final Pattern BLANKS = Pattern.compile("\\s+");
  private static final Pattern COMMA = Pattern.compile(",");

  private ManifestParser() {}

  static Manifest parse(List<String> lines, String origin, boolean envExample) {
    Manifest.Builder b = Manifest.builder(origin);
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
      String[] parts = BLANKS.split(line, -1);
      if (parts.length < 2) {
        throw new SecretConfigurationException(where + ": expected '<name> required|optional [except=…|only=…]'");
      }
      boolean required = switch (parts[1].toLowerCase(Locale.ROOT)) {
        case "required" -> true;
        case "optional" -> false;
        default -> throw new SecretConfigurationException(where + ": '" + parts[1]
            + "' must be 'required' or 'optional'");
      };
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
    for (String s : COMMA.split(csv, -1)) {
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
}
