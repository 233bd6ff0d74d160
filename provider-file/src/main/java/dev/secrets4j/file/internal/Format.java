package dev.secrets4j.file.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The formats of a single secrets file, chosen by {@code format=} or the file name. */
enum Format {
  DOTENV("dotenv"),
  PROPERTIES("properties"),
  JSON("json"),
  ENCRYPTED("encrypted");

  static final String VALID = "dotenv, properties, json, encrypted";

  private final String param;

  Format(String param) {
    this.param = param;
  }

  String param() {
    return param;
  }

  /** {@code format=} value, case-insensitive; {@code env} is accepted for dotenv. */
  static Optional<Format> fromParam(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (Format f : values()) {
      if (f.param.equals(v)) {
        return Optional.of(f);
      }
    }
    return v.equals("env") ? Optional.of(DOTENV) : Optional.empty();
  }

  /**
   * By file name: {@code *.enc} encrypted, {@code *.json}, {@code *.properties}, and {@code .env},
   * {@code .env.*} or {@code *.env} dotenv.
   */
  static Optional<Format> fromFileName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".enc")) {
      return Optional.of(ENCRYPTED);
    }
    if (n.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (n.endsWith(".properties")) {
      return Optional.of(PROPERTIES);
    }
    if (n.equals(".env") || n.startsWith(".env.") || n.endsWith(".env")) {
      return Optional.of(DOTENV);
    }
    return Optional.empty();
  }

  /** A file's secrets, parsed; values are looked up by secret name. */
  interface Contents {
    /** The value's bytes (a fresh array), or null when the file has no such secret. */
    byte[] lookup(String name);

    /** Where {@code name} was looked for, for a not-found message: {@code keys 'a-b' and 'A_B'}. */
    String lookedFor(String name);

    /** Zeroes what can be zeroed. */
    default void wipe() {}
  }

  /** Dotenv and encrypted files: the exact key, then the environment-variable form of the name. */
  static final class KeyedContents implements Contents {
    private final Map<String, byte[]> values;

    KeyedContents(Map<String, byte[]> values) {
      this.values = values;
    }

    static KeyedContents ofStrings(Map<String, String> strings) {
      Map<String, byte[]> m = new LinkedHashMap<>();
      strings.forEach((k, v) -> m.put(k, v.getBytes(StandardCharsets.UTF_8)));
      return new KeyedContents(m);
    }

    @Override
    public byte[] lookup(String name) {
      String key = Dotenv.keyFor(values, name);
      return key == null ? null : values.get(key).clone();
    }

    @Override
    public String lookedFor(String name) {
      String var = Dotenv.variableForm(name);
      return var.equals(name) ? "no key " + Text.showKey(name, "of that name")
          : "no key " + Text.showKey(name, "of that name") + " or " + Text.showKey(var, "in variable form");
    }

    @Override
    public void wipe() {
      values.values().forEach(v -> java.util.Arrays.fill(v, (byte) 0));
    }
  }

  /** Properties: the exact key. */
  static final class ExactContents implements Contents {
    private final Map<String, String> values;

    ExactContents(Map<String, String> values) {
      this.values = values;
    }

    @Override
    public byte[] lookup(String name) {
      String v = values.get(name);
      return v == null ? null : v.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String lookedFor(String name) {
      return "no key " + Text.showKey(name, "of that name");
    }
  }

  /** JSON: a top-level member, then a dotted path. */
  static final class JsonContents implements Contents {
    private final JsonFormat.Document doc;

    JsonContents(JsonFormat.Document doc) {
      this.doc = doc;
    }

    @Override
    public byte[] lookup(String name) {
      return doc.lookup(name);
    }

    @Override
    public String lookedFor(String name) {
      return "no member " + Text.showKey(name, "of that name")
          + (name.indexOf('.') > 0 ? " at the top level or as a nested path" : "") + " (or it is null)";
    }
  }
}
