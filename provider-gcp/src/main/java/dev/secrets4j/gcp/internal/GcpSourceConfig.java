package dev.secrets4j.gcp.internal;

import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SourceUri;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code gcp-sm://PROJECT?prefix=&location=&endpoint=&plaintext=&timeout=&attempts=} URI says, validated.
 */
final class GcpSourceConfig {
  static final String SCHEME = "gcp-sm";
  static final String DEFAULT_ENDPOINT = "secretmanager.googleapis.com:443";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final int DEFAULT_ATTEMPTS = 3;
  static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
  static final int MAX_ATTEMPTS = 10;
  /** The SDK's pause before the second attempt; doubles per attempt up to {@link #MAX_RETRY_DELAY}. */
  static final Duration INITIAL_RETRY_DELAY = Duration.ofMillis(100);
  static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(1);

  static final Set<String> PARAMS = Set.of("prefix", "location", "endpoint", "plaintext", "timeout", "attempts");
  static final String FORMS = "gcp-sm://PROJECT, gcp-sm://PROJECT?prefix=payments-, "
      + "gcp-sm://PROJECT?location=europe-west1, gcp-sm://PROJECT?endpoint=HOST:PORT&timeout=2s&attempts=2";

  private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9.:-]{0,99}");
  private static final Pattern SECRET_ID_PART = Pattern.compile("[A-Za-z0-9_-]*");
  private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern ENDPOINT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}");

  final String project;
  final String prefix;
  /** Null for global secrets. */
  final String location;
  /** Null for the default (global or regional) endpoint. */
  final String endpoint;
  final boolean plaintext;
  final Duration timeout;
  final int attempts;
  final String id;

  private GcpSourceConfig(String project, String prefix, String location, String endpoint, boolean plaintext,
      Duration timeout, int attempts, String id) {
    this.project = project;
    this.prefix = prefix;
    this.location = location;
    this.endpoint = endpoint;
    this.plaintext = plaintext;
    this.timeout = timeout;
    this.attempts = attempts;
    this.id = id;
  }

  /**
   * Reads a {@code gcp-sm} URI.
   *
   * @throws SecretConfigurationException naming what is wrong and the valid forms
   */
  static GcpSourceConfig parse(SourceUri uri) {
    uri.requireOnlyParams(PARAMS);
    String where = "source URI '" + uri.redacted() + "'";
    String project = uri.authority().orElse("");
    if (project.isEmpty()) {
      throw bad(where + " names no project; expected " + FORMS);
    }
    if (!uri.path().isEmpty() && !uri.path().equals("/")) {
      throw bad(where + " has a path '" + uri.path() + "'; secrets are named by the application, the URI names "
          + "only the project: expected " + FORMS);
    }
    String problem = checkProject(project);
    if (problem == null) {
      problem = checkPrefix(uri.param("prefix").orElse(""));
    }
    String location = uri.param("location").orElse(null);
    if (problem == null && location != null) {
      problem = checkLocation(location);
    }
    if (problem != null) {
      throw bad(where + ": " + problem);
    }
    String endpoint = uri.param("endpoint").orElse(null);
    if (endpoint != null && !ENDPOINT.matcher(endpoint).matches()) {
      throw bad(where + ": endpoint '" + endpoint + "' is not HOST:PORT (for example secretmanager.googleapis.com:443 "
          + "or 127.0.0.1:8085)");
    }
    boolean plaintext = parseBoolean(where, "plaintext", uri.param("plaintext").orElse("false"));
    if (plaintext && (endpoint == null || !isLoopback(endpoint))) {
      throw bad(where + ": plaintext=true is only allowed with a loopback endpoint (endpoint=127.0.0.1:PORT, "
          + "localhost:PORT or [::1]:PORT), for a local emulator; Google's endpoints need TLS");
    }
    Duration timeout = uri.param("timeout").map(t -> parseTimeout(where, t)).orElse(DEFAULT_TIMEOUT);
    int attempts = uri.param("attempts").map(a -> parseAttempts(where, a)).orElse(DEFAULT_ATTEMPTS);
    return new GcpSourceConfig(project, uri.param("prefix").orElse(""), location, endpoint, plaintext, timeout,
        attempts, uri.redacted());
  }

  /**
   * A configuration for an injected client: the client brings its own endpoint, credentials and retries.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  static GcpSourceConfig forClient(String project, String prefix, String location) {
    String p = prefix == null ? "" : prefix;
    String problem = checkProject(project);
    if (problem == null) {
      problem = checkPrefix(p);
    }
    if (problem == null && location != null) {
      problem = checkLocation(location);
    }
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    StringBuilder id = new StringBuilder(SCHEME).append("://").append(project);
    String sep = "?";
    if (!p.isEmpty()) {
      id.append(sep).append("prefix=").append(p);
      sep = "&";
    }
    if (location != null) {
      id.append(sep).append("location=").append(location);
    }
    return new GcpSourceConfig(project, p, location, null, false, DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS, id.toString());
  }

  /** The endpoint the client connects to. */
  String effectiveEndpoint() {
    if (endpoint != null) {
      return endpoint;
    }
    return location == null ? DEFAULT_ENDPOINT : "secretmanager." + location + ".rep.googleapis.com:443";
  }

  /** {@code projects/P} or {@code projects/P/locations/L}. */
  String parent() {
    return "projects/" + project + (location == null ? "" : "/locations/" + location);
  }

  /** The store's secret id for the application's {@code name}, or null when it is not a valid id. */
  String secretId(String name) {
    String id = prefix + name;
    return SECRET_ID.matcher(id).matches() ? id : null;
  }

  /** The upper bound of one RPC: every attempt's deadline plus the pauses between attempts. */
  Duration worstCasePerRpc() {
    return worstCase(timeout, attempts);
  }

  static Duration worstCase(Duration timeout, int attempts) {
    Duration total = timeout.multipliedBy(attempts);
    Duration delay = INITIAL_RETRY_DELAY;
    for (int i = 1; i < attempts; i++) {
      total = total.plus(delay);
      delay = delay.multipliedBy(2);
      if (delay.compareTo(MAX_RETRY_DELAY) > 0) {
        delay = MAX_RETRY_DELAY;
      }
    }
    return total;
  }

  /** Throws {@link IllegalArgumentException} naming the problem when {@code problem} is not null. */
  static void require(String problem) {
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  static String checkProject(String project) {
    if (project == null || !PROJECT.matcher(project).matches()) {
      return "project '" + project + "' is not a Google Cloud project id or number (lower-case letters, digits, "
          + "'-', for example acme-payments-prod or 123456789012)";
    }
    return null;
  }

  static String checkPrefix(String prefix) {
    if (!SECRET_ID_PART.matcher(prefix).matches() || prefix.length() > 254) {
      return "prefix '" + prefix + "' may hold only letters, digits, '-' and '_' (Secret Manager secret ids allow "
          + "nothing else, so use payments- or payments_ rather than payments/)";
    }
    return null;
  }

  static String checkLocation(String location) {
    if (!LOCATION.matcher(location).matches()) {
      return "location '" + location + "' is not a Google Cloud region (for example europe-west1 or us-central1)";
    }
    return null;
  }

  private static boolean isLoopback(String endpoint) {
    String host = endpoint.substring(0, endpoint.lastIndexOf(':')).toLowerCase(Locale.ROOT);
    return host.equals("localhost") || host.equals("[::1]") || host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  }

  private static boolean parseBoolean(String where, String param, String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw bad(where + ": " + param + "='" + value + "' must be true or false");
    }
  }

  private static Duration parseTimeout(String where, String text) {
    Duration d = dev.secrets4j.internal.Durations.parse(text);
    if (d == null || d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
      throw bad(where + ": timeout='" + text + "' must be a duration between 10ms and 5m, such as 500ms, 5s, "
          + "1m or PT5S (the deadline of one attempt)");
    }
    return d;
  }

  private static int parseAttempts(String where, String text) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= MAX_ATTEMPTS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(where + ": attempts='" + text + "' must be a whole number from 1 to " + MAX_ATTEMPTS
        + " (attempts per store call, the first included)");
  }

  private static SecretConfigurationException bad(String message) {
    return new SecretConfigurationException(message);
  }
}
