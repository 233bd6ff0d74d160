package dev.secrets4j.spi;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.internal.Durations;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A source URI, parsed, together with the environment the source is bound to.
 *
 * <p>Forms: {@code scheme://authority/path?k=v&k2=v2} or {@code scheme:path?k=v}. {@code {env}} anywhere in
 * the text is replaced by the environment's name before parsing. Query values are URL-decoded. Parameter
 * names that look like credentials ({@code key}, {@code password}, {@code token}, {@code secret}) are masked
 * in {@link #toString()} and {@link #redacted()}.
 */
public final class SourceUri {
  private static final String[] SENSITIVE = {"key", "password", "token", "secret", "credential"};

  private final String raw;
  private final String scheme;
  private final String schemeSpecificPart;
  private final String authority;
  private final String path;
  private final Map<String, String> params;
  private final Environment environment;

  private SourceUri(String raw, String scheme, String ssp, String authority, String path,
      Map<String, String> params, Environment environment) {
    this.raw = raw;
    this.scheme = scheme;
    this.schemeSpecificPart = ssp;
    this.authority = authority;
    this.path = path;
    this.params = params;
    this.environment = environment;
  }

  /**
   * Parses {@code uri} for {@code environment}.
   *
   * @throws SecretConfigurationException when the text has no scheme or a malformed query
   */
  public static SourceUri parse(String uri, Environment environment) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(environment, "environment");
    String text = uri.trim().replace("{env}", environment.name());
    int colon = text.indexOf(':');
    if (colon <= 0 || !isScheme(text, colon)) {
      throw new SecretConfigurationException("source URI '" + redact(text)
          + "' has no scheme; expected scheme:..., for example file:secrets/{env}.env or aws-sm://us-east-1?prefix={env}/");
    }
    String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = text.substring(colon + 1);
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String authority = null;
    String path = rest;
    if (rest.startsWith("//")) {
      String afterSlashes = rest.substring(2);
      int slash = afterSlashes.indexOf('/');
      authority = slash < 0 ? afterSlashes : afterSlashes.substring(0, slash);
      path = slash < 0 ? "" : afterSlashes.substring(slash);
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          k = URLDecoder.decode(k, StandardCharsets.UTF_8);
          v = URLDecoder.decode(v, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new SecretConfigurationException("source URI '" + redact(text)
              + "' has a malformed query parameter '" + k + "': " + e.getMessage());
        }
        if (params.put(k, v) != null) {
          throw new SecretConfigurationException("source URI '" + redact(text)
              + "' sets query parameter '" + k + "' twice");
        }
      }
    }
    return new SourceUri(text, scheme, rest, authority, path,
        Collections.unmodifiableMap(params), environment);
  }

  /** {@code [A-Za-z][A-Za-z0-9+.-]*} for the {@code end} first characters of {@code text}. */
  private static boolean isScheme(String text, int end) {
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-'))) {
        return false;
      }
    }
    return true;
  }

  /** The scheme, lower case: {@code aws-sm}, {@code file}. */
  public String scheme() { return scheme; }

  /** Everything between {@code scheme:} and {@code ?}: {@code //us-east-1}, {@code config/dev.env}. */
  public String schemeSpecificPart() { return schemeSpecificPart; }

  /** The authority after {@code //} (a region, project or vault), if the URI has one. */
  public Optional<String> authority() { return Optional.ofNullable(authority); }

  /** The path: after the authority when there is one, else the whole scheme-specific part. */
  public String path() { return path; }

  /** The query parameters, decoded, in order; unmodifiable. */
  public Map<String, String> params() { return params; }

  /** One query parameter. */
  public Optional<String> param(String name) { return Optional.ofNullable(params.get(name)); }

  /** The environment the source will serve. */
  public Environment environment() { return environment; }

  /**
   * The library's one duration grammar, for configuration files and source URIs alike: {@code 500ms}, {@code 30s},
   * {@code 5m}, {@code 24h}, {@code 90d}, {@code 0}, or ISO-8601 ({@code PT5M}); case-insensitive, surrounding blanks
   * ignored. Empty when {@code text} is null or not a duration; range checks are the caller's.
   */
  public static Optional<Duration> parseDuration(String text) {
    return Optional.ofNullable(Durations.parse(text));
  }

  /**
   * Query parameter {@code name} as a duration in the grammar of {@link #parseDuration(String)}, within
   * {@code [min, max]}; empty when the URI does not set it.
   *
   * @throws NullPointerException when an argument is null
   * @throws SecretConfigurationException naming this URI (redacted) and the parameter when the value is not a
   *     duration or lies outside the range
   */
  public Optional<Duration> durationParam(String name, Duration min, Duration max) {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    Optional<String> v = param(Objects.requireNonNull(name, "name"));
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> parsed = parseDuration(v.get());
    if (parsed.isEmpty()) {
      throw badParam(name, v.get(), "is not a duration (500ms, 30s, 5m, 24h, 90d, 0, or ISO-8601 such as PT5M)");
    }
    Duration d = parsed.get();
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw badParam(name, v.get(), "is outside " + min + " to " + max);
    }
    return Optional.of(d);
  }

  /**
   * Query parameter {@code name} as a boolean ({@code true} or {@code false}, any case); empty when not set.
   *
   * @throws NullPointerException when {@code name} is null
   * @throws SecretConfigurationException naming this URI (redacted) and the parameter for any other value
   */
  public Optional<Boolean> booleanParam(String name) {
    Optional<String> v = param(Objects.requireNonNull(name, "name"));
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String t = v.get().trim().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return Optional.of(t.equals("true"));
    }
    throw badParam(name, v.get(), "is not true or false");
  }

  /**
   * Query parameter {@code name} as a decimal integer within {@code [min, max]}; empty when not set.
   *
   * @throws NullPointerException when {@code name} is null
   * @throws IllegalArgumentException when {@code min > max}
   * @throws SecretConfigurationException naming this URI (redacted) and the parameter when the value is not an
   *     integer or lies outside the range
   */
  public OptionalInt intParam(String name, int min, int max) {
    Objects.requireNonNull(name, "name");
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " is greater than max " + max);
    }
    Optional<String> v = param(name);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    long n;
    try {
      n = Long.parseLong(v.get().trim());
    } catch (NumberFormatException e) {
      throw badParam(name, v.get(), "is not an integer");
    }
    if (n < min || n > max) {
      throw badParam(name, v.get(), "is outside " + min + " to " + max);
    }
    return OptionalInt.of((int) n);
  }

  /**
   * Query parameter {@code name} as a constant of {@code type}, matched by name in any case with {@code -} read as
   * {@code _} ({@code version-stage} for {@code VERSION_STAGE}); empty when not set.
   *
   * @throws NullPointerException when an argument is null
   * @throws SecretConfigurationException naming this URI (redacted), the parameter and the valid values otherwise
   */
  public <E extends Enum<E>> Optional<E> enumParam(String name, Class<E> type) {
    Objects.requireNonNull(type, "type");
    Optional<String> v = param(Objects.requireNonNull(name, "name"));
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String t = v.get().trim().replace('-', '_');
    java.util.List<String> valid = new java.util.ArrayList<>();
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(t)) {
        return Optional.of(e);
      }
      valid.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw badParam(name, v.get(), "is not one of " + valid);
  }

  private SecretConfigurationException badParam(String name, String value, String problem) {
    String shown = isSensitive(name) ? "****" : value;
    return new SecretConfigurationException("source URI '" + redacted() + "': parameter '" + name + "' value '"
        + shown + "' " + problem);
  }

  /**
   * Fails when the URI carries a query parameter outside {@code allowed}, naming it and the allowed ones.
   *
   * @throws SecretConfigurationException on an unknown parameter
   */
  public SourceUri requireOnlyParams(Set<String> allowed) {
    for (String k : params.keySet()) {
      if (!allowed.contains(k)) {
        throw new SecretConfigurationException("source URI '" + redacted() + "' has unknown parameter '" + k
            + "'; valid parameters for " + scheme + ": are " + new java.util.TreeSet<>(allowed));
      }
    }
    return this;
  }

  /**
   * The store this URI names, spelled one way, for telling whether two environments share a store: scheme,
   * authority lower-cased (without a trailing {@code /} or {@code .}), the path with {@code //}, {@code .} and
   * {@code ..} segments resolved and no trailing {@code /}, and the decoded parameters sorted by name (empty ones
   * left out). {@code aws-sm://us-east-1/?prefix=app%2F&} and {@code aws-sm://US-EAST-1?prefix=app/} have one
   * identity; {@code file:///a/./b} and {@code file:/a//b} too. Credential-like values are masked.
   */
  public String identity() {
    String auth = authority == null ? "" : stripTrailing(authority.toLowerCase(Locale.ROOT));
    return scheme + ":" + (auth.isEmpty() ? "" : "//" + auth) + normalizePath(path) + sortedParams();
  }

  /**
   * {@link #identity()} for stores that are local files or folders: the path is the real path on this machine
   * (relative paths against the working directory, symbolic links followed where the file exists), so that
   * {@code file:secrets.env}, {@code file:./secrets.env} and {@code file:///abs/secrets.env} are one store.
   * Providers of local files return this from {@link SecretSourceProvider#identity(SourceUri)}.
   */
  public String localPathIdentity() {
    String p = authority != null && !authority.isEmpty() ? "//" + authority + path : path;
    java.nio.file.Path resolved;
    try {
      resolved = java.nio.file.Paths.get(p).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return identity();
    }
    try {
      resolved = resolved.toRealPath();
    } catch (java.io.IOException | SecurityException e) {
      // not there (yet): its normalised absolute path is the best name it has
    }
    return scheme + ":" + resolved + sortedParams();
  }

  /** {@code text} without its trailing {@code /} and {@code .} characters. */
  private static String stripTrailing(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '/' || text.charAt(end - 1) == '.')) {
      end--;
    }
    return text.substring(0, end);
  }

  private static String normalizePath(String path) {
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    // the segments between runs of '/' (an empty one where the path starts with '/')
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else {
        parts.addLast(segment);
      }
    }
    String joined = String.join("/", parts);
    return path.startsWith("/") && !joined.isEmpty() ? "/" + joined : joined;
  }

  private String sortedParams() {
    java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (!e.getKey().isEmpty()) {
        sorted.put(e.getKey(), isSensitive(e.getKey()) ? "****" : e.getValue());
      }
    }
    return sorted.isEmpty() ? "" : "?" + sorted;
  }

  private static boolean isSensitive(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.endsWith("file") || lower.endsWith("path")) {
      return false;
    }
    for (String word : SENSITIVE) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** The URI text with {@code {env}} expanded and credential-like parameter values masked. */
  public String redacted() {
    return redact(raw);
  }

  @Override
  public String toString() {
    return redacted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceUri other && other.raw.equals(raw) && other.environment.equals(environment);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  private static String redact(String text) {
    int q = text.indexOf('?');
    if (q < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.substring(0, q + 1));
    String[] pairs = text.substring(q + 1).split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) sb.append('&');
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      sb.append(isSensitive(k) && eq >= 0 ? k + "=****" : pair);
    }
    return sb.toString();
  }
}
