package dev.secrets4j.azure.internal;

import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SourceUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An {@code azure-kv} source URI, parsed and checked: the vault's endpoint and the call bounds. Parameters are read
 * with {@link SourceUri}'s typed accessors, so a malformed one is an error naming it and its valid forms.
 *
 * <p>Forms: {@code azure-kv://VAULT-NAME} (public cloud: {@code https://VAULT-NAME.vault.azure.net}) or
 * {@code azure-kv:https://host[:port]} (other clouds, emulators, tests). Parameters: see {@link #PARAMS}.
 *
 * @param id the redacted URI: the source's id
 * @param vaultUrl {@code https://host[:port]}, no path
 * @param timeout per HTTP exchange
 * @param retries retries after the first try
 * @param maxRetryWait longest wait between tries, and longest {@code Retry-After} honoured inside a call
 * @param tokenTimeout longest wait for a token
 * @param deadline hard limit on one store call
 * @param expiryWarning how early to warn about an expiry; zero for never
 * @param verifyChallengeResource whether the bearer challenge's resource must match the vault's domain
 * @param checkDeleted whether a secret's 404 is explained by asking whether it is soft-deleted
 * @param cloud the vault's cloud: {@code cloud=}, else the one whose vault domain the URL is under, else null (an
 *     emulator, a test server); {@code azure-kv://NAME} is in the public cloud unless {@code cloud=} says otherwise
 * @param identity how the source's own credential gets its token
 * @param listCheck whether a refresh of many secrets asks the vault's list of secret properties which changed
 *     ({@code versionCheck=list})
 * @param confirmEvery with {@code listCheck}: the longest a secret goes without its value being read
 */
record KeyVaultSettings(String id, String vaultUrl, Duration timeout, int retries, Duration maxRetryWait,
    Duration tokenTimeout, Duration deadline, Duration expiryWarning, boolean verifyChallengeResource,
    boolean checkDeleted, AzureCloud cloud, IdentitySettings identity, boolean listCheck, Duration confirmEvery) {

  static final String SCHEME = "azure-kv";

  static final String TIMEOUT = "timeout";
  static final String RETRIES = "retries";
  static final String MAX_RETRY_WAIT = "maxRetryWait";
  static final String TOKEN_TIMEOUT = "tokenTimeout";
  static final String DEADLINE = "deadline";
  static final String EXPIRY_WARNING = "expiryWarning";
  static final String VERIFY_CHALLENGE_RESOURCE = "verifyChallengeResource";
  static final String CHECK_DELETED = "checkDeleted";
  static final String CLOUD = "cloud";
  static final String VERSION_CHECK = "versionCheck";
  static final String CONFIRM_EVERY = "confirmEvery";

  /** Every parameter an {@code azure-kv} URI may carry. */
  static final Set<String> PARAMS = Stream.concat(Stream.of(TIMEOUT, RETRIES, MAX_RETRY_WAIT, TOKEN_TIMEOUT, DEADLINE,
      EXPIRY_WARNING, VERIFY_CHALLENGE_RESOURCE, CHECK_DELETED, CLOUD, VERSION_CHECK, CONFIRM_EVERY),
      IdentitySettings.PARAMS.stream())
      .collect(Collectors.toUnmodifiableSet());

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final int DEFAULT_RETRIES = 2;
  static final int MAX_RETRIES = 5;
  static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(2);
  static final Duration DEFAULT_TOKEN_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);
  static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofDays(14);
  static final Duration DEFAULT_CONFIRM_EVERY = Duration.ofHours(1);
  /** The first backoff between two tries when the store gives no {@code Retry-After}; doubles, capped by maxRetryWait. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  private static final Duration SHORTEST = Duration.ofMillis(1);
  private static final Duration LONGEST_CALL = Duration.ofMinutes(10);
  private static final Duration LONGEST_WARNING = Duration.ofDays(3650);
  private static final String FORMS = "expected azure-kv://VAULT-NAME (for https://VAULT-NAME.vault.azure.net, or"
      + " the vault domain of cloud=china|usgov) or azure-kv:https://host[:port] (emulators, test servers)";
  private static final Pattern VAULT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]");

  /**
   * Parses and checks {@code uri}.
   *
   * @throws SecretConfigurationException naming what is wrong and the valid forms
   */
  static KeyVaultSettings parse(SourceUri uri) {
    if (!SCHEME.equals(uri.scheme())) {
      throw new SecretConfigurationException("source URI '" + uri.redacted() + "' is not an " + SCHEME + " URI; "
          + FORMS);
    }
    uri.requireOnlyParams(PARAMS);
    String id = uri.redacted();
    AzureCloud explicit = uri.enumParam(CLOUD, AzureCloud.class).orElse(null);
    String vaultUrl = vaultUrl(uri, id, explicit == null ? AzureCloud.PUBLIC : explicit);
    AzureCloud hostCloud = AzureCloud.ofVaultHost(URI.create(vaultUrl).getHost());
    if (explicit != null && explicit != hostCloud) {
      throw new SecretConfigurationException("source URI '" + id + "': the vault URL " + vaultUrl + " is not under "
          + explicit.vaultSuffix() + ", the vault domain of " + CLOUD + "=" + explicit.parameterValue() + "; fix the"
          + " URL or the cloud (" + Stream.of(AzureCloud.values()).map(c -> c.parameterValue() + ": "
          + c.vaultSuffix()).collect(Collectors.joining(", ")) + ")");
    }
    return new KeyVaultSettings(id, vaultUrl,
        uri.durationParam(TIMEOUT, SHORTEST, LONGEST_CALL).orElse(DEFAULT_TIMEOUT),
        uri.intParam(RETRIES, 0, MAX_RETRIES).orElse(DEFAULT_RETRIES),
        uri.durationParam(MAX_RETRY_WAIT, Duration.ZERO, LONGEST_CALL).orElse(DEFAULT_MAX_RETRY_WAIT),
        uri.durationParam(TOKEN_TIMEOUT, SHORTEST, LONGEST_CALL).orElse(DEFAULT_TOKEN_TIMEOUT),
        uri.durationParam(DEADLINE, SHORTEST, LONGEST_CALL).orElse(DEFAULT_DEADLINE),
        uri.durationParam(EXPIRY_WARNING, Duration.ZERO, LONGEST_WARNING).orElse(DEFAULT_EXPIRY_WARNING),
        uri.booleanParam(VERIFY_CHALLENGE_RESOURCE).orElse(true),
        uri.booleanParam(CHECK_DELETED).orElse(false),
        hostCloud,
        IdentitySettings.parse(uri, hostCloud),
        listCheck(uri, id),
        confirmEvery(uri, id));
  }

  /** How a refresh learns what changed: {@code value} (read each value, the default) or {@code list}. */
  enum VersionCheck { VALUE, LIST }

  private static boolean listCheck(SourceUri uri, String id) {
    return uri.enumParam(VERSION_CHECK, VersionCheck.class).orElse(VersionCheck.VALUE) == VersionCheck.LIST;
  }

  private static Duration confirmEvery(SourceUri uri, String id) {
    Optional<Duration> d = uri.durationParam(CONFIRM_EVERY, Duration.ofSeconds(1), Duration.ofHours(24));
    if (d.isPresent() && !listCheck(uri, id)) {
      throw new SecretConfigurationException("source URI '" + id + "' sets " + CONFIRM_EVERY + " without "
          + VERSION_CHECK + "=list; it bounds how long the list check goes without reading a value, and the "
          + "default check reads the value on every refresh");
    }
    return d.orElse(DEFAULT_CONFIRM_EVERY);
  }

  /**
   * What the tries of one store call add up to when every try runs into its timeout and every wait is the longest:
   * {@code (retries + 1) x timeout + retries x maxRetryWait}. The challenge exchange and token requests come on
   * top; the {@code deadline} caps the whole.
   */
  Duration triesWorstCase() {
    return timeout.multipliedBy(retries + 1L).plus(maxRetryWait.multipliedBy(retries));
  }

  private static String vaultUrl(SourceUri uri, String id, AzureCloud cloud) {
    if (uri.authority().isPresent()) {
      String name = uri.authority().get();
      if (!uri.path().isEmpty() && !uri.path().equals("/")) {
        throw new SecretConfigurationException("source URI '" + id + "' has a path '" + uri.path()
            + "'; a vault holds every secret of one environment, so the URI names only the vault; " + FORMS);
      }
      if (name.contains(".") || name.contains(":")) {
        throw new SecretConfigurationException("source URI '" + id + "' names the host '" + name
            + "' where a vault name belongs; for a full host name write azure-kv:https://" + name);
      }
      if (!VAULT_NAME.matcher(name).matches() || name.contains("--")) {
        throw new SecretConfigurationException("source URI '" + id + "' has an invalid vault name '" + name
            + "': Key Vault names are 3-24 letters, digits and single hyphens, start with a letter and end with a"
            + " letter or digit");
      }
      return "https://" + name.toLowerCase(Locale.ROOT) + "." + cloud.vaultSuffix();
    }
    String text = uri.schemeSpecificPart();
    if (text.isEmpty()) {
      throw new SecretConfigurationException("source URI '" + id + "' names no vault; " + FORMS);
    }
    URI endpoint;
    try {
      endpoint = new URI(text);
    } catch (URISyntaxException e) {
      throw new SecretConfigurationException("source URI '" + id + "' has a malformed vault URL '" + text + "' ("
          + e.getReason() + "); " + FORMS);
    }
    if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
      throw new SecretConfigurationException("source URI '" + id + "' must name an https vault URL, not '" + text
          + "': Key Vault sends tokens only over HTTPS; " + FORMS);
    }
    if (endpoint.getHost() == null || endpoint.getRawUserInfo() != null || endpoint.getRawFragment() != null) {
      throw new SecretConfigurationException("source URI '" + id + "' has an invalid vault URL '" + text
          + "': give the scheme, host and optionally the port only; " + FORMS);
    }
    String path = endpoint.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      throw new SecretConfigurationException("source URI '" + id + "' has a path '" + path + "' in its vault URL; "
          + "a vault holds every secret of one environment, so the URI names only the vault; " + FORMS);
    }
    String host = endpoint.getHost().toLowerCase(Locale.ROOT);
    return "https://" + host + (endpoint.getPort() >= 0 ? ":" + endpoint.getPort() : "");
  }

  @Override
  public String toString() {
    return id;
  }
}
