package dev.secrets4j.aws.internal;

import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SourceUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * What an {@code aws-sm://REGION?prefix=...} URI asks for, validated. Every timeout has a default so that one
 * store call has a bounded worst case: at most {@code maxAttempts} attempts of at most {@code attemptTimeout}
 * each, the whole call cut at {@code callTimeout}.
 *
 * @param region the region requests are signed for; null only for an application's client that does not say
 * @param prefix put before every name
 * @param endpoint the endpoint to talk to instead of the regional one, or null
 * @param profile the shared-files profile credentials come from, or null for the default chain
 * @param connectTimeout the TCP connect bound, {@code min(1s, attemptTimeout)}
 * @param attemptTimeout the bound of one HTTP attempt
 * @param callTimeout the bound of one store call, all attempts together
 * @param maxAttempts attempts per call, the first included
 * @param versionCheck how a refresh learns whether the current version changed
 * @param confirmEvery with {@link VersionCheck#DESCRIBE} or {@link VersionCheck#LIST}: the longest a secret goes
 *     without its value being read
 * @param role the role to assume with STS, or null
 * @param stsEndpoint the STS endpoint instead of the regional one (a VPC endpoint), or null
 * @param fips whether the FIPS endpoints of Secrets Manager and STS are used
 * @param dualstack whether the dual-stack (IPv4 and IPv6) endpoints are used
 * @param fallback the replica regions reads fail over to when this region cannot answer, and their endpoints
 * @param id the source id: the URI as written, {@code {env}} expanded, credential-like values masked
 */
record AwsSourceSettings(String region, String prefix, URI endpoint, String profile, Duration connectTimeout,
    Duration attemptTimeout, Duration callTimeout, int maxAttempts, VersionCheck versionCheck, Duration confirmEvery,
    RoleSettings role, URI stsEndpoint, boolean fips, boolean dualstack, FallbackRegions fallback, String id) {

  /** How a refresh learns whether a secret's current version changed. */
  enum VersionCheck {
    /**
     * Read the value ({@code GetSecretValue}) on every refresh: each refresh proves that the caller may still read
     * and decrypt the secret, so an IAM or KMS revocation is seen at the next refresh. The default.
     */
    VALUE,
    /**
     * Ask {@code DescribeSecret} for the current version id (no value, no KMS decryption), and read the value only
     * when it changed or the last value read is older than {@code confirmEvery}: a revocation of
     * {@code GetSecretValue} or of the KMS key alone is seen within {@code confirmEvery}; a deletion at once.
     */
    DESCRIBE,
    /**
     * One {@code ListSecrets} call (100 secrets a page, name filters) tells which secrets' {@code AWSCURRENT} version
     * changed; only those are read. A value is read again at least every {@code confirmEvery} (default 1 h), which
     * bounds how long a revocation of {@code GetSecretValue} or of the KMS key alone goes unnoticed; a deletion is
     * seen at the next refresh plus the listing's lag (up to five minutes, as AWS documents).
     */
    LIST
  }

  static final String SCHEME = "aws-sm";
  static final String PREFIX = "prefix";
  static final String ENDPOINT = "endpoint";
  static final String PROFILE = "profile";
  static final String ATTEMPT_TIMEOUT = "attemptTimeout";
  static final String CALL_TIMEOUT = "callTimeout";
  static final String MAX_ATTEMPTS = "maxAttempts";
  static final String VERSION_CHECK = "versionCheck";
  static final String CONFIRM_EVERY = "confirmEvery";
  static final String STS_ENDPOINT = "stsEndpoint";
  static final String FIPS = "fips";
  static final String DUALSTACK = "dualstack";
  /** Every parameter an {@code aws-sm} URI may carry. */
  static final Set<String> PARAMS = Set.of(PREFIX, ENDPOINT, PROFILE, ATTEMPT_TIMEOUT, CALL_TIMEOUT, MAX_ATTEMPTS,
      VERSION_CHECK, CONFIRM_EVERY, RoleSettings.ROLE_ARN, RoleSettings.EXTERNAL_ID, RoleSettings.SESSION_NAME,
      STS_ENDPOINT, FIPS, DUALSTACK, FallbackRegions.FALLBACK_REGIONS);

  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(7);
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
  static final int MAX_ATTEMPTS_LIMIT = 10;
  static final Duration DEFAULT_CONFIRM_EVERY = Duration.ofMinutes(15);
  static final Duration DEFAULT_LIST_CONFIRM_EVERY = Duration.ofHours(1);
  static final Duration MIN_CONFIRM_EVERY = Duration.ofSeconds(1);
  static final Duration MAX_CONFIRM_EVERY = Duration.ofHours(24);

  static final String FORM = "aws-sm://REGION?prefix=PREFIX (optional: endpoint=URL, profile=NAME, "
      + "attemptTimeout=2s, callTimeout=7s, maxAttempts=3, versionCheck=value|describe|list, confirmEvery=15m|1h, "
      + "roleArn=arn:aws:iam::ACCOUNT:role/NAME, externalId=ID, sessionName=NAME, stsEndpoint=URL, fips=true, "
      + "dualstack=true, fallbackRegions=REGION,REGION, endpoint.REGION=URL), "
      + "for example aws-sm://us-east-1?prefix={env}/";

  /**
   * Validates {@code uri}.
   *
   * @throws SecretConfigurationException naming the parameter at fault and the valid form
   */
  static AwsSourceSettings parse(SourceUri uri) {
    if (!SCHEME.equals(uri.scheme())) {
      throw bad(uri, "has scheme '" + uri.scheme() + "', not " + SCHEME);
    }
    String region = uri.authority().orElse("");
    if (region.isEmpty()) {
      throw bad(uri, "names no region; put it after aws-sm://");
    }
    if (!isRegionName(region)) {
      throw bad(uri, "names region '" + region + "', which is not an AWS region name such as us-east-1 "
          + "(lower case)");
    }
    FallbackRegions fallback = FallbackRegions.parse(uri, region);
    Set<String> allowed = new java.util.HashSet<>(PARAMS);
    allowed.addAll(fallback.endpointParams());
    try {
      uri.requireOnlyParams(allowed);
    } catch (SecretConfigurationException e) {
      throw withForm(e);
    }
    if (!uri.path().isEmpty() && !uri.path().equals("/")) {
      throw bad(uri, "has the path '" + uri.path() + "'; give the name prefix as ?prefix=" + uri.path().substring(1));
    }
    String prefix = uri.param(PREFIX).orElse("");
    URI endpoint = uri.param(ENDPOINT).isPresent() ? endpoint(uri, uri.param(ENDPOINT).get()) : null;
    String profile = uri.param(PROFILE).orElse(null);
    if (profile != null && profile.isBlank()) {
      throw bad(uri, "has an empty profile; name a profile of the shared AWS config files, or leave it out");
    }
    Duration attempt = duration(uri, ATTEMPT_TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT, DEFAULT_ATTEMPT_TIMEOUT);
    int maxAttempts;
    try {
      maxAttempts = uri.intParam(MAX_ATTEMPTS, 1, MAX_ATTEMPTS_LIMIT).orElse(DEFAULT_MAX_ATTEMPTS);
    } catch (SecretConfigurationException e) {
      throw withForm(e);
    }
    Duration call = duration(uri, CALL_TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT, null);
    if (call == null) {
      call = DEFAULT_CALL_TIMEOUT.compareTo(attempt) >= 0 ? DEFAULT_CALL_TIMEOUT : attempt;
    } else if (call.compareTo(attempt) < 0) {
      throw bad(uri, "has callTimeout=" + uri.param(CALL_TIMEOUT).get() + " shorter than attemptTimeout="
          + format(attempt) + "; the call timeout bounds all attempts together");
    }
    VersionCheck check;
    try {
      check = uri.enumParam(VERSION_CHECK, VersionCheck.class).orElse(VersionCheck.VALUE);
    } catch (SecretConfigurationException e) {
      throw withForm(e);
    }
    Duration confirm = duration(uri, CONFIRM_EVERY, MIN_CONFIRM_EVERY, MAX_CONFIRM_EVERY, null);
    if (confirm != null && check == VersionCheck.VALUE) {
      throw bad(uri, "has confirmEvery without versionCheck=describe or versionCheck=list; it bounds how long the "
          + "cheap check goes without reading the value, and the default check reads the value on every refresh");
    }
    RoleSettings role = RoleSettings.parse(uri);
    URI sts = uri.param(STS_ENDPOINT).isPresent() ? endpoint(uri, uri.param(STS_ENDPOINT).get()) : null;
    if (sts != null && role == null) {
      throw bad(uri, "sets stsEndpoint without roleArn; the source calls STS only to assume a role");
    }
    boolean fips = flag(uri, FIPS);
    boolean dualstack = flag(uri, DUALSTACK);
    if ((fips || dualstack) && (endpoint != null || !fallback.endpoints().isEmpty())) {
      throw bad(uri, "sets " + (fips ? "fips" : "dualstack") + "=true and an endpoint; fips=true and dualstack=true "
          + "choose the regional endpoint themselves: drop endpoint=, or give the FIPS endpoint as endpoint= alone");
    }
    return new AwsSourceSettings(region, prefix, endpoint, profile, connectTimeoutFor(attempt), attempt, call,
        maxAttempts, check, confirm != null ? confirm
            : check == VersionCheck.LIST ? DEFAULT_LIST_CONFIRM_EVERY : DEFAULT_CONFIRM_EVERY,
        role, sts, fips, dualstack, fallback,
        uri.redacted());
  }

  /**
   * Settings for a client the application built: the prefix, the version check and the id matter then.
   *
   * @param confirmEvery null for {@link VersionCheck#VALUE}, else the bound of {@link VersionCheck#DESCRIBE} or,
   *     with {@code list}, of {@link VersionCheck#LIST}
   */
  static AwsSourceSettings forInjectedClient(String region, String prefix, Duration confirmEvery, boolean list) {
    String id = SCHEME + "://" + (region == null ? "injected-client" : region)
        + (prefix.isEmpty() ? "" : "?prefix=" + prefix);
    return new AwsSourceSettings(region, prefix, null, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_ATTEMPT_TIMEOUT,
        DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_ATTEMPTS,
        confirmEvery == null ? VersionCheck.VALUE : list ? VersionCheck.LIST : VersionCheck.DESCRIBE,
        confirmEvery == null ? DEFAULT_CONFIRM_EVERY : confirmEvery, null, null, false, false, FallbackRegions.NONE,
        id);
  }

  /**
   * These settings for the client of the fallback region {@code fallbackRegion}: its region and endpoint, and no
   * fallback of its own; credentials, role, timeouts, FIPS and dual-stack stay as they are.
   */
  AwsSourceSettings inRegion(String fallbackRegion) {
    return new AwsSourceSettings(fallbackRegion, prefix, fallback.endpoint(fallbackRegion), profile, connectTimeout,
        attemptTimeout, callTimeout, maxAttempts, versionCheck, confirmEvery, role, stsEndpoint, fips, dualstack,
        FallbackRegions.NONE, id);
  }

  /**
   * The Secrets Manager secret id for the logical {@code name}: {@code prefix + name}, or the name itself when it is
   * an ARN ({@code arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME}, full or partial, this or another account).
   */
  String secretId(String name) {
    return name.startsWith("arn:") ? name : prefix + name;
  }

  /** The region for messages. */
  String regionName() {
    return region == null ? "the client's region" : region;
  }

  private static Duration connectTimeoutFor(Duration attempt) {
    return attempt.compareTo(DEFAULT_CONNECT_TIMEOUT) < 0 ? attempt : DEFAULT_CONNECT_TIMEOUT;
  }

  static URI endpoint(SourceUri uri, String text) {
    URI e;
    try {
      e = new URI(text);
    } catch (URISyntaxException ex) {
      throw bad(uri, "has an endpoint that is not a URL: " + ex.getReason());
    }
    String scheme = e.getScheme() == null ? "" : e.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || e.getHost() == null) {
      throw bad(uri, "has endpoint '" + text + "'; it must be an http(s) URL with a host, for example "
          + "https://secretsmanager.us-east-1.amazonaws.com or a VPC endpoint");
    }
    if (e.getRawQuery() != null || e.getRawFragment() != null || e.getRawUserInfo() != null) {
      throw bad(uri, "has an endpoint with user info, query or fragment; give scheme, host and port only");
    }
    return e;
  }

  /**
   * Whether {@code text} has the form of an AWS region name, {@code [a-z]{2,}(-[a-z]+)+-[0-9]+} ({@code us-east-1},
   * {@code us-gov-west-1}), checked by hand so that parsing a URI compiles no pattern.
   */
  static boolean isRegionName(String text) {
    String[] parts = text.split("-", -1);
    if (parts.length < 3 || parts[0].length() < 2) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        return false;
      }
      boolean last = i == parts.length - 1;
      for (int j = 0; j < part.length(); j++) {
        char c = part.charAt(j);
        if (last ? c < '0' || c > '9' : c < 'a' || c > 'z') {
          return false;
        }
      }
    }
    return true;
  }

  private static Duration duration(SourceUri uri, String name, Duration min, Duration max, Duration otherwise) {
    try {
      return uri.durationParam(name, min, max).orElse(otherwise);
    } catch (SecretConfigurationException e) {
      throw withForm(e);
    }
  }

  private static boolean flag(SourceUri uri, String name) {
    try {
      return uri.booleanParam(name).orElse(false);
    } catch (SecretConfigurationException e) {
      throw withForm(e);
    }
  }

  /** One of SourceUri's typed-read errors, with this scheme's form added to its message. */
  static SecretConfigurationException withForm(SecretConfigurationException e) {
    return new SecretConfigurationException(e.getMessage() + "; the form is " + FORM);
  }

  static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  static SecretConfigurationException bad(SourceUri uri, String what) {
    return new SecretConfigurationException("source URI '" + uri.redacted() + "' " + what + "; the form is " + FORM);
  }

  @Override
  public String toString() {
    return id;
  }
}
