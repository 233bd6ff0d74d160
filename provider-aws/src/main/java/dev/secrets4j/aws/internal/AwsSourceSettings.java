package dev.secrets4j.aws.internal;

import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.internal.Durations;
import dev.secrets4j.spi.SourceUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an {@code aws-sm://REGION?prefix=...} URI asks for, validated. Every timeout has a default so that one
 * store call has a bounded worst case: at most {@link #maxAttempts} attempts of at most
 * {@link #attemptTimeout} each, the whole call cut at {@link #callTimeout}.
 */
final class AwsSourceSettings {
  static final String SCHEME = "aws-sm";
  static final Set<String> PARAMS = Set.of("prefix", "endpoint", "profile", "attemptTimeout", "callTimeout",
      "maxAttempts");

  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(7);
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
  static final int MAX_ATTEMPTS_LIMIT = 10;

  private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z]+)+-[0-9]+");
  private static final String FORM = "aws-sm://REGION?prefix=PREFIX (optional: endpoint=URL, profile=NAME, "
      + "attemptTimeout=2s, callTimeout=7s, maxAttempts=3), for example aws-sm://us-east-1?prefix={env}/";

  final String region;
  final String prefix;
  final URI endpoint;
  final String profile;
  final Duration connectTimeout;
  final Duration attemptTimeout;
  final Duration callTimeout;
  final int maxAttempts;
  final String id;

  private AwsSourceSettings(String region, String prefix, URI endpoint, String profile, Duration attemptTimeout,
      Duration callTimeout, int maxAttempts, String id) {
    this.region = region;
    this.prefix = prefix;
    this.endpoint = endpoint;
    this.profile = profile;
    this.attemptTimeout = attemptTimeout;
    this.connectTimeout = attemptTimeout.compareTo(DEFAULT_CONNECT_TIMEOUT) < 0 ? attemptTimeout
        : DEFAULT_CONNECT_TIMEOUT;
    this.callTimeout = callTimeout;
    this.maxAttempts = maxAttempts;
    this.id = id;
  }

  /**
   * Validates {@code uri}.
   *
   * @throws SecretConfigurationException naming what is wrong and the valid form
   */
  static AwsSourceSettings parse(SourceUri uri) {
    if (!SCHEME.equals(uri.scheme())) {
      throw bad(uri, "has scheme '" + uri.scheme() + "', not " + SCHEME);
    }
    uri.requireOnlyParams(PARAMS);
    String region = uri.authority().orElse("");
    if (region.isEmpty()) {
      throw bad(uri, "names no region; put it after aws-sm://");
    }
    if (!REGION.matcher(region).matches()) {
      throw bad(uri, "names region '" + region + "', which is not an AWS region name such as us-east-1 "
          + "(lower case)");
    }
    if (!uri.path().isEmpty() && !uri.path().equals("/")) {
      throw bad(uri, "has the path '" + uri.path() + "'; give the name prefix as ?prefix=" + uri.path().substring(1));
    }
    String prefix = uri.param("prefix").orElse("");
    URI endpoint = uri.param("endpoint").map(e -> endpoint(uri, e)).orElse(null);
    String profile = uri.param("profile").orElse(null);
    if (profile != null && profile.isBlank()) {
      throw bad(uri, "has an empty profile; name a profile of the shared AWS config files, or leave it out");
    }
    Duration attempt = duration(uri, "attemptTimeout").orElse(DEFAULT_ATTEMPT_TIMEOUT);
    int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    Optional<String> attempts = uri.param("maxAttempts");
    if (attempts.isPresent()) {
      try {
        maxAttempts = Integer.parseInt(attempts.get());
      } catch (NumberFormatException e) {
        maxAttempts = -1;
      }
      if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
        throw bad(uri, "has maxAttempts=" + attempts.get() + "; it must be a whole number from 1 to "
            + MAX_ATTEMPTS_LIMIT + " (1 means no retry)");
      }
    }
    Duration call = duration(uri, "callTimeout").orElse(null);
    if (call == null) {
      call = DEFAULT_CALL_TIMEOUT.compareTo(attempt) >= 0 ? DEFAULT_CALL_TIMEOUT : attempt;
    } else if (call.compareTo(attempt) < 0) {
      throw bad(uri, "has callTimeout=" + uri.param("callTimeout").get() + " shorter than attemptTimeout="
          + format(attempt) + "; the call timeout bounds all attempts together");
    }
    return new AwsSourceSettings(region, prefix, endpoint, profile, attempt, call, maxAttempts, uri.redacted());
  }

  /** Settings for a client the application built; only the prefix and the id matter then. */
  static AwsSourceSettings forInjectedClient(String region, String prefix) {
    String id = SCHEME + "://" + (region == null ? "injected-client" : region)
        + (prefix.isEmpty() ? "" : "?prefix=" + prefix);
    return new AwsSourceSettings(region, prefix, null, null, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CALL_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS, id);
  }

  /** The Secrets Manager secret id for the logical {@code name}: {@code prefix + name}. */
  String secretId(String name) {
    return prefix + name;
  }

  private static URI endpoint(SourceUri uri, String text) {
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

  private static Optional<Duration> duration(SourceUri uri, String key) {
    Optional<String> text = uri.param(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Duration d = parseDuration(text.get().trim());
    if (d == null || d.isZero() || d.isNegative() || d.compareTo(MAX_TIMEOUT) > 0) {
      throw bad(uri, "has " + key + "=" + text.get() + "; give a positive duration up to 5m such as 500ms, 2s, "
          + "1m or PT2S");
    }
    return Optional.of(d);
  }

  static Duration parseDuration(String text) {
    return Durations.parse(text);
  }

  static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static SecretConfigurationException bad(SourceUri uri, String what) {
    return new SecretConfigurationException("source URI '" + uri.redacted() + "' " + what + "; the form is " + FORM);
  }

  @Override
  public String toString() {
    return id;
  }
}
