package dev.secrets4j.gcp.internal;

import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SourceUri;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code gcp-sm://PROJECT?prefix=&location=&alias=&impersonate=&endpoint=&plaintext=&timeout=&attempts=} URI
 * says, validated.
 *
 * @param project the project id or number
 * @param prefix prepended to every secret name; empty for none
 * @param location the region of regional secrets; null for global secrets
 * @param alias the version alias read as current ({@code prod}); null for {@code latest}
 * @param impersonate the service account whose short-lived tokens the calls carry; null for the credentials
 *     themselves
 * @param endpoint {@code HOST:PORT} instead of the default (global or regional) endpoint; null for the default
 * @param plaintext no TLS and no credentials (loopback endpoints only)
 * @param timeout the deadline of one attempt
 * @param attempts attempts per store call, the first included
 * @param id the source id: the redacted URI
 * @param versionCheck how a lone secret's refresh learns whether it changed
 */
record GcpSourceSettings(String project, String prefix, String location, String alias, String impersonate,
    String endpoint, boolean plaintext, Duration timeout, int attempts, String id, VersionCheck versionCheck) {

  /** How a lone secret's refresh learns whether it changed. */
  enum VersionCheck {
    /**
     * Read the payload ({@code AccessSecretVersion}): spends the access quota (90,000 a minute per project), proves
     * the caller may still read the secret. The default.
     */
    ACCESS,
    /**
     * {@code GetSecretVersion} on the current alias, no payload: spends the read quota (600 a minute per project,
     * shared with every metadata read and listing), then reads the payload only on change.
     */
    METADATA
  }

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

  static final String PREFIX = "prefix";
  static final String LOCATION = "location";
  static final String ALIAS = "alias";
  static final String IMPERSONATE = "impersonate";
  static final String ENDPOINT = "endpoint";
  static final String PLAINTEXT = "plaintext";
  static final String TIMEOUT = "timeout";
  static final String ATTEMPTS = "attempts";
  static final String VERSION_CHECK = "versionCheck";
  static final Set<String> PARAMS = Set.of(PREFIX, LOCATION, ALIAS, IMPERSONATE, ENDPOINT, PLAINTEXT, TIMEOUT,
      ATTEMPTS, VERSION_CHECK);
  static final String FORMS = "gcp-sm://PROJECT, gcp-sm://PROJECT?prefix=payments-, "
      + "gcp-sm://PROJECT?location=europe-west1, gcp-sm://PROJECT?alias=prod, "
      + "gcp-sm://PROJECT?impersonate=reader@PROJECT.iam.gserviceaccount.com, "
      + "gcp-sm://PROJECT?endpoint=HOST:PORT&timeout=2s&attempts=2, gcp-sm://PROJECT?versionCheck=access|metadata";

  private static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9][a-z0-9.:-]{0,99}");
  private static final Pattern SECRET_ID_PART = Pattern.compile("[A-Za-z0-9_-]*");
  private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern VERSION_ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,63}");
  private static final Pattern SERVICE_ACCOUNT =
      Pattern.compile("[a-z0-9][a-z0-9-]{0,62}@[a-z0-9][a-z0-9.-]{0,252}\\.gserviceaccount\\.com");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}");

  /**
   * Reads a {@code gcp-sm} URI through its typed accessors.
   *
   * @throws SecretConfigurationException naming the parameter at fault and the valid forms
   */
  static GcpSourceSettings parse(SourceUri uri) {
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
    String prefix = uri.param(PREFIX).orElse("");
    String location = uri.param(LOCATION).orElse(null);
    String problem = checkProject(project);
    if (problem == null) {
      problem = checkPrefix(prefix);
    }
    if (problem == null && location != null) {
      problem = checkLocation(location);
    }
    String alias = uri.param(ALIAS).orElse(null);
    if (problem == null && alias != null) {
      problem = checkAlias(alias);
    }
    String impersonate = uri.param(IMPERSONATE).orElse(null);
    if (problem == null && impersonate != null) {
      problem = checkServiceAccount(impersonate);
    }
    if (problem != null) {
      throw bad(where + ": " + problem);
    }
    String endpoint = uri.param(ENDPOINT).orElse(null);
    if (endpoint != null && !HOST_PORT.matcher(endpoint).matches()) {
      throw bad(where + ": parameter 'endpoint' value '" + endpoint + "' is not HOST:PORT (for example "
          + "secretmanager.googleapis.com:443 or 127.0.0.1:8085)");
    }
    boolean plaintext = uri.booleanParam(PLAINTEXT).orElse(false);
    if (plaintext && (endpoint == null || !isLoopback(endpoint))) {
      throw bad(where + ": plaintext=true is only allowed with a loopback endpoint (endpoint=127.0.0.1:PORT, "
          + "localhost:PORT or [::1]:PORT), for a local emulator; Google's endpoints need TLS");
    }
    if (plaintext && impersonate != null) {
      throw bad(where + ": impersonate= needs credentials, which plaintext=true never sends; drop one of them");
    }
    Duration timeout = uri.durationParam(TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT).orElse(DEFAULT_TIMEOUT);
    int attempts = uri.intParam(ATTEMPTS, 1, MAX_ATTEMPTS).orElse(DEFAULT_ATTEMPTS);
    VersionCheck check = uri.enumParam(VERSION_CHECK, VersionCheck.class).orElse(VersionCheck.ACCESS);
    return new GcpSourceSettings(project, prefix, location, alias, impersonate, endpoint, plaintext, timeout, attempts,
        uri.redacted(), check);
  }

  /**
   * Settings for an injected client: the client brings its own endpoint (named here for messages only),
   * credentials and retries.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  static GcpSourceSettings forClient(String project, String prefix, String location, String alias,
      String clientEndpoint) {
    String p = prefix == null ? "" : prefix;
    require(checkProject(project));
    require(checkPrefix(p));
    if (location != null) {
      require(checkLocation(location));
    }
    if (alias != null) {
      require(checkAlias(alias));
    }
    require(checkClientEndpoint(location, clientEndpoint));
    StringBuilder id = new StringBuilder(SCHEME).append("://").append(project);
    String sep = "?";
    if (!p.isEmpty()) {
      id.append(sep).append(PREFIX).append('=').append(p);
      sep = "&";
    }
    if (location != null) {
      id.append(sep).append(LOCATION).append('=').append(location);
      sep = "&";
    }
    if (alias != null) {
      id.append(sep).append(ALIAS).append('=').append(alias);
    }
    return new GcpSourceSettings(project, p, location, alias, null, clientEndpoint, false, DEFAULT_TIMEOUT,
        DEFAULT_ATTEMPTS, id.toString(), VersionCheck.ACCESS);
  }

  /** The endpoint the client connects to. */
  String effectiveEndpoint() {
    if (endpoint != null) {
      return endpoint;
    }
    return location == null ? DEFAULT_ENDPOINT : regionalEndpoint(location);
  }

  /** Secret Manager's regional endpoint for {@code location}: {@code secretmanager.L.rep.googleapis.com:443}. */
  static String regionalEndpoint(String location) {
    return "secretmanager." + location + ".rep.googleapis.com:443";
  }

  /** The version that reads as current: the alias, or {@code latest}. */
  String currentVersion() {
    return alias == null ? SecretNames.LATEST : alias;
  }

  /** {@code projects/P} or {@code projects/P/locations/L}. */
  String parent() {
    return "projects/" + project + (location == null ? "" : "/locations/" + location);
  }

  /** The store's secret id for the application's {@code name}, or null when it is not a valid id. */
  String secretId(String name) {
    String secretId = prefix + name;
    return SECRET_ID.matcher(secretId).matches() ? secretId : null;
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
    if (project == null || !PROJECT_ID.matcher(project).matches()) {
      return "project '" + project + "' is not a Google Cloud project id or number (lower-case letters, digits, "
          + "'-', for example acme-payments-prod or 123456789012)";
    }
    return null;
  }

  static String checkPrefix(String prefix) {
    if (!SECRET_ID_PART.matcher(prefix).matches() || prefix.length() > 254) {
      return "parameter 'prefix' value '" + prefix + "' may hold only letters, digits, '-' and '_' (Secret Manager "
          + "secret ids allow nothing else, so use payments- or payments_ rather than payments/)";
    }
    return null;
  }

  static String checkLocation(String location) {
    if (location.equals("global")) {
      return "parameter 'location' value 'global' names no region: global secrets need no location, so leave it out "
          + "(location= is for regional secrets, for example europe-west1)";
    }
    if (!REGION.matcher(location).matches()) {
      return "parameter 'location' value '" + location + "' is not a Google Cloud region (for example europe-west1 "
          + "or us-central1)";
    }
    return null;
  }

  static String checkAlias(String alias) {
    if (!VERSION_ALIAS.matcher(alias).matches() || alias.equals(SecretNames.LATEST)
        || alias.chars().allMatch(Character::isDigit)) {
      return "parameter 'alias' value '" + alias + "' is not a version alias: 1 to 63 letters, digits, '-' and '_', "
          + "not a number and not latest (for example alias=prod; leave it out to read latest)";
    }
    return null;
  }

  static String checkServiceAccount(String email) {
    if (!SERVICE_ACCOUNT.matcher(email).matches()) {
      return "parameter 'impersonate' value '" + email + "' is not a service account email (for example "
          + "impersonate=secrets-reader@acme-prod.iam.gserviceaccount.com)";
    }
    return null;
  }

  /**
   * A client that talks to Google's global endpoint cannot read regional secrets, nor a regional one global
   * secrets; other endpoints (emulators, private ones) are the application's to choose.
   */
  static String checkClientEndpoint(String location, String clientEndpoint) {
    if (clientEndpoint == null) {
      return null;
    }
    boolean regional = clientEndpoint.startsWith("secretmanager.") && clientEndpoint.endsWith(".rep.googleapis.com:443");
    String expected = location == null ? DEFAULT_ENDPOINT : regionalEndpoint(location);
    if (clientEndpoint.equals(expected) || !regional && !clientEndpoint.equals(DEFAULT_ENDPOINT)) {
      return null; // the right one, or one of the application's own (private, mTLS, an emulator)
    }
    return location == null
        ? "the client talks to " + clientEndpoint + ", a regional endpoint, but no location was set: set the "
            + "location of the secrets, or build the client for " + DEFAULT_ENDPOINT
        : "location " + location + " needs a client for " + expected + " (regional secrets are served only there),"
            + " but the client talks to " + clientEndpoint + ": build it with settings().setEndpoint(\"" + expected
            + "\")";
  }

  private static boolean isLoopback(String endpoint) {
    String host = endpoint.substring(0, endpoint.lastIndexOf(':')).toLowerCase(Locale.ROOT);
    return host.equals("localhost") || host.equals("[::1]") || host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  }

  private static SecretConfigurationException bad(String message) {
    return new SecretConfigurationException(message);
  }
}
