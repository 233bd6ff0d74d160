package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A {@link SecretSource} over AWS Secrets Manager. The logical name {@code stripe-api-key} is the secret
 * {@code prefix + name}, read with {@code GetSecretValue} by stage ({@code AWSCURRENT}, {@code AWSPREVIOUS};
 * {@code AWSPENDING} through {@link VersionSelector#id(String)}) or by version id; many at once with
 * {@code BatchGetSecretValue}, 20 ids a call. Version ids are the AWS {@code VersionId}s. Metadata and the cheap
 * current-version check come from {@code DescribeSecret}.
 *
 * <p>Not API: applications use {@code dev.secrets4j.aws.AwsSecretSources} or a {@code aws-sm://} URI.
 */
public final class AwsSecretsManagerSource implements SecretSource {
  private static final Logger LOG = LoggerFactory.getLogger(AwsSecretsManagerSource.class);

  /** The most ids one {@code BatchGetSecretValue} call accepts. */
  static final int BATCH_LIMIT = 20;
  /** A bound on {@code NextToken} pages for one id list, against a store that never stops paging. */
  static final int MAX_PAGES = BATCH_LIMIT;
  static final String AWSCURRENT = "AWSCURRENT";
  static final String AWSPREVIOUS = "AWSPREVIOUS";
  static final String AWSPENDING = "AWSPENDING";
  private static final Set<String> STAGES = Set.of(AWSCURRENT, AWSPREVIOUS, AWSPENDING);
  private static final Pattern RATE = Pattern.compile("rate\\(\\s*([0-9]{1,9})\\s+(days?|hours?)\\s*\\)");

  private final SecretsManagerClient client;
  private final boolean ownsClient;
  private final SdkAutoCloseable ownedCredentials;
  private final AwsSourceSettings settings;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean batchDenied;
  private volatile boolean describeDenied;
  private volatile boolean listDenied;

  AwsSecretsManagerSource(SecretsManagerClient client, boolean ownsClient, SdkAutoCloseable ownedCredentials,
      AwsSourceSettings settings) {
    this.client = Objects.requireNonNull(client, "client");
    this.ownsClient = ownsClient;
    this.ownedCredentials = ownedCredentials;
    this.settings = settings;
  }

  /**
   * A source over a client the application built. The client is closed with the source only if
   * {@code closeClient}.
   */
  public static AwsSecretsManagerSource overClient(SecretsManagerClient client, String prefix, boolean closeClient) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(prefix, "prefix");
    String region = null;
    try {
      region = client.serviceClientConfiguration().region().id();
    } catch (RuntimeException e) {
      // a hand-written client may not expose its configuration: the id then says "injected-client"
    }
    return new AwsSecretsManagerSource(client, closeClient, null, AwsSourceSettings.forInjectedClient(region, prefix));
  }

  /** Creates the source a URI describes, with its own client; no network call is made here. */
  static AwsSecretsManagerSource create(AwsSourceSettings settings) {
    Clients.MarkedCredentials credentials = Clients.credentials(settings);
    SecretsManagerClient client;
    try {
      client = Clients.build(settings, credentials);
    } catch (RuntimeException e) {
      credentials.close();
      throw e;
    }
    return new AwsSecretsManagerSource(client, true, credentials, settings);
  }

  /** The timeouts and retries of a URI-created source's client with the default settings. */
  public static ClientOverrideConfiguration defaultOverrides() {
    return Clients.overrides(AwsSourceSettings.DEFAULT_ATTEMPT_TIMEOUT, AwsSourceSettings.DEFAULT_CALL_TIMEOUT,
        AwsSourceSettings.DEFAULT_MAX_ATTEMPTS);
  }

  @Override
  public String id() {
    return settings.id;
  }

  /** The Secrets Manager secret id for {@code name}. */
  String secretId(String name) {
    return settings.secretId(name);
  }

  SecretsManagerClient client() {
    return client;
  }

  // ------------------------------------------------------------------ fetch

  @Override
  public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(selector, "selector");
    checkOpen(name);
    String awsId = secretId(name);
    GetSecretValueRequest.Builder req = GetSecretValueRequest.builder().secretId(awsId);
    String wanted;
    switch (selector.kind()) {
      case CURRENT:
        req.versionStage(AWSCURRENT);
        wanted = "secret '" + name + "'";
        break;
      case PREVIOUS:
        req.versionStage(AWSPREVIOUS);
        wanted = "previous version (AWSPREVIOUS) of secret '" + name + "'";
        break;
      default:
        String v = selector.versionId();
        if (STAGES.contains(v)) {
          req.versionStage(v);
          wanted = "stage " + v + " of secret '" + name + "'";
        } else {
          req.versionId(v);
          wanted = "version " + v + " of secret '" + name + "'";
        }
        break;
    }
    GetSecretValueResponse r;
    try {
      r = client.getSecretValue(req.build());
    } catch (SdkException e) {
      throw Errors.map(e, "reading " + wanted, awsId, settings, wanted,
          selector.kind() == VersionSelector.Kind.CURRENT
              ? "create it there, or check the name and the prefix '" + settings.prefix + "'"
              : "the secret or that version does not exist (AWS keeps a version only while it has a stage or is "
                  + "among the latest ~100)",
          "secretsmanager:GetSecretValue");
    }
    return toVersion(name, r.versionId(), r.secretString(), r.secretBinary(), r.createdDate(), r.versionStages());
  }

  private SecretVersion toVersion(String name, String versionId, String string, SdkBytes binary, Instant created,
      List<String> stages) throws SecretSourceException {
    byte[] value;
    if (string != null) {
      value = string.getBytes(StandardCharsets.UTF_8);
    } else if (binary != null) {
      value = binary.asByteArray();
    } else {
      throw SecretSourceException.permanent(name, id(), "Secrets Manager returned neither SecretString nor "
          + "SecretBinary for version " + versionId, null);
    }
    if (versionId == null || versionId.isEmpty()) {
      throw SecretSourceException.permanent(name, id(), "Secrets Manager returned no VersionId", null);
    }
    return SecretVersion.of(versionId, value).withCreated(created).withStage(stageOf(stages));
  }

  static SecretVersion.Stage stageOf(List<String> stages) {
    if (stages == null) {
      return SecretVersion.Stage.OTHER;
    }
    if (stages.contains(AWSCURRENT)) {
      return SecretVersion.Stage.CURRENT;
    }
    if (stages.contains(AWSPREVIOUS)) {
      return SecretVersion.Stage.PREVIOUS;
    }
    if (stages.contains(AWSPENDING)) {
      return SecretVersion.Stage.PENDING;
    }
    return SecretVersion.Stage.OTHER;
  }

  /**
   * True: Secrets Manager keeps the replaced version under {@code AWSPREVIOUS}, so the previous version is best
   * asked of the store (an operator may have taken the stage off a leaked version).
   */
  @Override
  public boolean keepsVersionHistory() {
    return true;
  }

  // ------------------------------------------------------------------ batch

  /**
   * {@code BatchGetSecretValue}, 20 ids a call. Names the store reports as not found, denied or undecryptable
   * are left out (the resolver fetches each alone and reports its own error); names that failed in the batch
   * for a transient reason are fetched one by one here. When the caller may not call
   * {@code BatchGetSecretValue} at all, every name is fetched one by one, now and from then on.
   *
   * @throws SecretSourceException TRANSIENT when the store fails as a whole
   */
  @Override
  public Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
    Objects.requireNonNull(names, "names");
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(names));
    Map<String, SecretVersion> out = new LinkedHashMap<>();
    if (unique.isEmpty()) {
      return out;
    }
    checkOpen(unique.get(0));
    for (int from = 0; from < unique.size(); from += BATCH_LIMIT) {
      List<String> chunk = unique.subList(from, Math.min(unique.size(), from + BATCH_LIMIT));
      if (batchDenied) {
        oneByOne(chunk, out);
        continue;
      }
      try {
        batch(chunk, out);
      } catch (SecretSourceException e) {
        if (e.kind() == Kind.TRANSIENT) {
          throw e;
        }
        if (e.kind() == Kind.ACCESS_DENIED) {
          batchDenied = true;
          LOG.warn("{} may not call BatchGetSecretValue ({}); reading secrets one by one from now on",
              id(), e.getMessage());
        } else {
          LOG.debug("BatchGetSecretValue refused by {}; reading this batch one by one: {}", id(), e.getMessage());
        }
        oneByOne(chunk, out);
      }
    }
    return out;
  }

  private void batch(List<String> chunk, Map<String, SecretVersion> out) throws SecretSourceException {
    Map<String, String> byAwsId = new HashMap<>();
    List<String> ids = new ArrayList<>(chunk.size());
    for (String name : chunk) {
      String awsId = secretId(name);
      byAwsId.put(awsId, name);
      ids.add(awsId);
    }
    List<String> retryAlone = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      BatchGetSecretValueResponse r;
      try {
        r = client.batchGetSecretValue(BatchGetSecretValueRequest.builder().secretIdList(ids).nextToken(token)
            .build());
      } catch (SdkException e) {
        String what = chunk.size() + " secrets (" + chunk.get(0) + ", ...)";
        throw Errors.map(e, "reading " + what, ids.get(0) + ", ...", settings, what,
            "check the names and the prefix '" + settings.prefix + "'", "secretsmanager:BatchGetSecretValue");
      }
      for (SecretValueEntry v : r.secretValues()) {
        String name = byAwsId.get(v.name());
        if (name == null) {
          name = byAwsId.get(v.arn());
        }
        if (name == null) {
          LOG.debug("{} answered a batch with secret '{}' that was not asked for; ignored", id(), v.name());
          continue;
        }
        out.put(name, toVersion(name, v.versionId(), v.secretString(), v.secretBinary(), v.createdDate(),
            v.versionStages()));
      }
      for (APIErrorType err : r.errors()) {
        String name = byAwsId.get(err.secretId());
        if (name == null) {
          continue;
        }
        if (transientCode(err.errorCode())) {
          retryAlone.add(name);
        } else {
          LOG.debug("batch read of secret '{}' from {} failed with {}; left for a single read", name, id(),
              err.errorCode());
        }
      }
      token = r.nextToken();
    } while (token != null && !token.isEmpty() && ++pages < MAX_PAGES);
    for (String name : retryAlone) {
      if (out.containsKey(name)) {
        continue;
      }
      try {
        out.put(name, fetch(name, VersionSelector.CURRENT));
      } catch (SecretSourceException e) {
        LOG.debug("single read of secret '{}' after a batch error failed too ({}); left out", name, e.kind());
      }
    }
  }

  private void oneByOne(List<String> names, Map<String, SecretVersion> out) throws SecretSourceException {
    for (String name : names) {
      try {
        out.put(name, fetch(name, VersionSelector.CURRENT));
      } catch (SecretSourceException e) {
        if (e.kind() == Kind.TRANSIENT) {
          throw e;
        }
        // left out: the resolver fetches it alone and reports its own error
      }
    }
  }

  static boolean transientCode(String code) {
    if (code == null) {
      return false;
    }
    String c = code.toLowerCase(Locale.ROOT);
    return c.contains("throttl") || c.contains("toomanyrequests") || c.contains("limitexceeded")
        || c.equals("internalserviceerror") || c.contains("unavailable") || c.contains("internalfailure")
        || c.contains("timeout");
  }

  // ------------------------------------------------------------------ describe

  /**
   * The {@code AWSCURRENT} version id from {@code DescribeSecret}: no value is sent and no KMS decryption is
   * done. Empty when the caller may not call {@code DescribeSecret} (the resolver then fetches).
   */
  @Override
  public Optional<String> currentVersionId(String name) throws SecretSourceException {
    Optional<DescribeSecretResponse> described = describeUnlessDenied(name);
    if (described.isEmpty()) {
      return Optional.empty();
    }
    DescribeSecretResponse r = described.get();
    for (Map.Entry<String, List<String>> e : r.versionIdsToStages().entrySet()) {
      if (e.getValue() != null && e.getValue().contains(AWSCURRENT)) {
        return Optional.of(e.getKey());
      }
    }
    throw new SecretSourceException(Kind.NOT_FOUND, "secret '" + name + "' has no current value in " + id()
        + " (Secrets Manager id '" + secretId(name) + "' has no version with stage AWSCURRENT); put a value");
  }

  /**
   * Dates, rotation settings (the period from a days or {@code rate(...)} schedule) and tags from
   * {@code DescribeSecret}. A tag whose key is {@code environment} in
   * any case ({@code Environment}, {@code ENVIRONMENT}) is also exposed under {@value SecretMetadata#ENVIRONMENT_TAG}.
   * {@code enabled} is false while the secret is scheduled for deletion. Empty when the caller may not call
   * {@code DescribeSecret} (warned once).
   */
  @Override
  public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    Optional<DescribeSecretResponse> described = describeUnlessDenied(name);
    if (described.isEmpty()) {
      return Optional.empty();
    }
    DescribeSecretResponse r = described.get();
    return Optional.of(metadataOf(r.createdDate(), r.lastChangedDate(), r.lastRotatedDate(), r.nextRotationDate(),
        r.rotationEnabled(), r.rotationRules(), r.deletedDate(), r.tags()));
  }

  /**
   * The metadata of many secrets from {@code ListSecrets} filtered on the source's prefix, 100 secrets a page: a
   * cold start reads the tags of a hundred secrets in one or two calls instead of a hundred
   * {@code DescribeSecret}s. Without a prefix (the listing would be the whole account), or once the caller may
   * not call {@code ListSecrets}, it returns nothing and the resolver asks one by one.
   */
  @Override
  public Map<String, SecretMetadata> metadataAll(Collection<String> names) throws SecretSourceException {
    if (settings.prefix.isEmpty() || listDenied || names.size() < 2) {
      return Map.of();
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String n : names) {
      wanted.put(secretId(n), n);
    }
    Map<String, SecretMetadata> out = new LinkedHashMap<>();
    String token = null;
    // bounded: a prefix shared with many other secrets is not listed to its end
    int maxPages = names.size() / 100 + 10;
    for (int page = 0; page < maxPages && out.size() < wanted.size(); page++) {
      checkOpen("(listing)");
      ListSecretsResponse r;
      try {
        String next = token;
        r = client.listSecrets(b -> b.maxResults(100).nextToken(next)
            .filters(Filter.builder().key(FilterNameStringType.NAME).values(settings.prefix).build()));
      } catch (SdkException e) {
        SecretSourceException mapped = Errors.map(e, "listing secrets under '" + settings.prefix + "'",
            settings.prefix, settings, "the secrets under prefix '" + settings.prefix + "'", "check the prefix",
            "secretsmanager:ListSecrets");
        if (mapped.kind() == Kind.ACCESS_DENIED) {
          listDenied = true;
          LOG.info("{} may not call ListSecrets; metadata is read one secret at a time (allow "
              + "secretsmanager:ListSecrets for faster cold starts)", id());
          return Map.of();
        }
        throw mapped;
      }
      for (SecretListEntry e : r.secretList()) {
        String logical = wanted.get(e.name());
        if (logical != null) {
          out.put(logical, metadataOf(e.createdDate(), e.lastChangedDate(), e.lastRotatedDate(),
              e.nextRotationDate(), e.rotationEnabled(), e.rotationRules(), e.deletedDate(), e.tags()));
        }
      }
      token = r.nextToken();
      if (token == null) {
        break;
      }
    }
    return out;
  }

  private static SecretMetadata metadataOf(java.time.Instant created, java.time.Instant lastChanged,
      java.time.Instant lastRotated, java.time.Instant nextRotation, Boolean rotationEnabled, RotationRulesType rules,
      java.time.Instant deleted, java.util.List<Tag> tags) {
    SecretMetadata.Builder b = SecretMetadata.builder()
        .created(created)
        .lastChanged(lastChanged)
        .lastRotated(lastRotated)
        .nextRotation(nextRotation)
        .rotationEnabled(rotationEnabled)
        .rotationPeriod(Boolean.FALSE.equals(rotationEnabled) ? null : rotationPeriod(rules))
        .enabled(deleted == null);
    String environment = null;
    for (Tag t : tags) {
      if (t.key() == null) {
        continue;
      }
      b.tag(t.key(), t.value());
      if (t.key().equalsIgnoreCase(SecretMetadata.ENVIRONMENT_TAG)
          && (environment == null || t.key().equals(SecretMetadata.ENVIRONMENT_TAG))) {
        environment = t.value();
      }
    }
    if (environment != null) {
      b.tag(SecretMetadata.ENVIRONMENT_TAG, environment);
    }
    return b.build();
  }

  /**
   * The fixed period of a rotation schedule: {@code AutomaticallyAfterDays}, or a {@code rate(N days)} /
   * {@code rate(N hours)} schedule expression; null for none or a {@code cron(...)} schedule.
   */
  static Duration rotationPeriod(RotationRulesType rules) {
    if (rules == null) {
      return null;
    }
    Long days = rules.automaticallyAfterDays();
    if (days != null && days > 0) {
      return Duration.ofDays(days);
    }
    String expression = rules.scheduleExpression();
    if (expression != null) {
      Matcher m = RATE.matcher(expression.trim());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        if (n > 0 && n < 100_000) {
          return m.group(2).startsWith("day") ? Duration.ofDays(n) : Duration.ofHours(n);
        }
      }
    }
    return null;
  }

  /**
   * {@code DescribeSecret}, or empty once the caller turned out not to be allowed to call it: the value is
   * still readable with {@code GetSecretValue} alone, so a missing {@code secretsmanager:DescribeSecret}
   * permission costs the extras (cheap change check, metadata for the guards), not the reads. Said once, as
   * a warning.
   */
  private Optional<DescribeSecretResponse> describeUnlessDenied(String name) throws SecretSourceException {
    if (describeDenied) {
      checkOpen(name);
      return Optional.empty();
    }
    try {
      return Optional.of(describe(name));
    } catch (SecretSourceException e) {
      if (e.kind() != Kind.ACCESS_DENIED) {
        throw e;
      }
      if (!describeDenied) {
        describeDenied = true;
        LOG.warn("{} may not call DescribeSecret, so refreshes read whole values and secrets have no metadata "
            + "(the environment-tag and rotation-age guards see none); allow secretsmanager:DescribeSecret to "
            + "restore them. First refusal: {}", id(), e.getMessage());
      }
      return Optional.empty();
    }
  }

  private DescribeSecretResponse describe(String name) throws SecretSourceException {
    Objects.requireNonNull(name, "name");
    checkOpen(name);
    String awsId = secretId(name);
    try {
      return client.describeSecret(r -> r.secretId(awsId));
    } catch (SdkException e) {
      String wanted = "secret '" + name + "'";
      throw Errors.map(e, "describing " + wanted, awsId, settings, wanted,
          "create it there, or check the name and the prefix '" + settings.prefix + "'",
          "secretsmanager:DescribeSecret");
    }
  }

  // ------------------------------------------------------------------ lifecycle

  private void checkOpen(String name) throws SecretSourceException {
    if (closed.get()) {
      throw SecretSourceException.permanent(name, id(), "the source is closed", null);
    }
  }

  /** Closes the client if this source owns it (always when created from a URI), and its credentials provider. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (ownsClient) {
        client.close();
      }
    } catch (RuntimeException e) {
      LOG.warn("closing the Secrets Manager client of {} failed: {}", id(), e.getClass().getName());
    }
    try {
      if (ownedCredentials != null) {
        ownedCredentials.close();
      }
    } catch (RuntimeException e) {
      LOG.warn("closing the credentials provider of {} failed: {}", id(), e.getClass().getName());
    }
  }

  @Override
  public String toString() {
    return "AwsSecretsManagerSource[" + id() + "]";
  }
}
