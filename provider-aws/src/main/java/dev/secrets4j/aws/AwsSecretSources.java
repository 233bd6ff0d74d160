package dev.secrets4j.aws;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.aws.internal.AwsSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS Secrets Manager sources built in code. Hand the result to {@code Secrets.builder().source(SecretSource)}; it
 * then serves whatever environment is detected, so pick the environment's prefix or account yourself. Configured
 * sources ({@code aws-sm://} URIs) need none of this.
 *
 * <p>{@link #fromUri(String)} builds a source with a client of its own, exactly as configuration would;
 * {@link #builder(SecretsManagerClient)} wraps a client the application built (its own credentials, proxy,
 * metrics), whose timeouts and retries are then used as they are: build it with {@link #boundedOverrides()} to get
 * this module's bounded worst case.
 *
 * <pre>{@code
 * SecretsManagerClient client = SecretsManagerClient.builder()
 *     .region(Region.EU_WEST_1)
 *     .overrideConfiguration(AwsSecretSources.boundedOverrides())
 *     .build();
 * Secrets secrets = Secrets.builder()
 *     .source(AwsSecretSources.builder(client).prefix("production/").build())
 *     .build();
 * }</pre>
 */
public final class AwsSecretSources {
  private AwsSecretSources() {}

  /**
   * A source for {@code uri} ({@code aws-sm://REGION?prefix=...}, with the same parameters as in configuration),
   * with its own SDK client, closed with the source. Makes no network call and resolves no credentials until the
   * first read.
   *
   * @throws NullPointerException when {@code uri} is null
   * @throws SecretConfigurationException when the URI is malformed, naming the parameter and the valid form
   * @throws IllegalArgumentException when the URI still contains {@code {env}}, which only configuration expands
   */
  public static SecretSource fromUri(String uri) {
    return fromUri(uri, null);
  }

  /**
   * As {@link #fromUri(String)}, signing with {@code credentials} (null: the URI's {@code profile} or the SDK's
   * default chain). The source does not close {@code credentials}.
   *
   * @throws NullPointerException when {@code uri} is null
   * @throws SecretConfigurationException when the URI is malformed, or sets {@code profile} while credentials are
   *     given
   * @throws IllegalArgumentException when the URI still contains {@code {env}}
   */
  public static SecretSource fromUri(String uri, AwsCredentialsProvider credentials) {
    Objects.requireNonNull(uri, "uri");
    if (uri.contains("{env}")) {
      throw new IllegalArgumentException("the source URI contains {env}, which only configuration expands; put the "
          + "environment's prefix in the URI");
    }
    SourceUri parsed = SourceUri.parse(uri, Environment.DEVELOPMENT);
    if (credentials != null && parsed.param("profile").isPresent()) {
      throw new SecretConfigurationException("source URI '" + parsed.redacted() + "' sets profile, which chooses "
          + "credentials, but a credentials provider was given; drop one of them");
    }
    return AwsSources.fromUri(parsed, credentials);
  }

  /**
   * A builder for a source over {@code client}; by default the source does not close the client.
   *
   * @throws NullPointerException when {@code client} is null
   */
  public static Builder builder(SecretsManagerClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * The timeouts and retries a {@code aws-sm://} source's own client has: at most 3 attempts of at most 2 s
   * each, the whole call cut at 7 s, exponential backoff with jitter between attempts. (The HTTP client's
   * connect and socket timeouts are the HTTP client's own settings; the attempt timeout bounds them anyway.)
   */
  public static ClientOverrideConfiguration boundedOverrides() {
    return AwsSources.defaultOverrides();
  }

  /** Configures one source over an application's client. Each setter may be called once. */
  public static final class Builder {
    private final SecretsManagerClient client;
    private String prefix;
    private Boolean closeClient;
    private Duration confirmEvery;
    private boolean listCheck;

    private Builder(SecretsManagerClient client) {
      this.client = client;
    }

    /**
     * What is put before every name: {@code production/} reads {@code production/stripe-api-key}. Default none.
     *
     * @throws NullPointerException when {@code prefix} is null
     * @throws IllegalStateException when the prefix was already set
     */
    public Builder prefix(String prefix) {
      if (this.prefix != null) {
        throw new IllegalStateException("prefix was already set to " + this.prefix);
      }
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * Whether closing the source closes the client. Default false: the application owns its client.
     *
     * @throws IllegalStateException when it was already set
     */
    public Builder closeClient(boolean close) {
      if (this.closeClient != null) {
        throw new IllegalStateException("closeClient was already set to " + this.closeClient);
      }
      this.closeClient = close;
      return this;
    }

    /**
     * Refreshes check the current version with {@code DescribeSecret} (no value sent, no KMS decryption) and read
     * the value only when it changed, or when it was last read more than {@code confirmEvery} ago (from 1 s to
     * 24 h). Without this, every refresh reads the value, which proves that the caller may still read and decrypt
     * it; with it, a revocation of {@code GetSecretValue} or of the KMS key alone is seen within
     * {@code confirmEvery} (a deletion at once).
     *
     * @throws NullPointerException when {@code confirmEvery} is null
     * @throws IllegalArgumentException when {@code confirmEvery} is outside 1 s to 24 h
     * @throws IllegalStateException when it was already set
     */
    public Builder describeVersionCheck(Duration confirmEvery) {
      setCheck(confirmEvery, false);
      return this;
    }

    /**
     * Refreshes ask one {@code ListSecrets} listing (name filters, 100 a page) which of the refreshed secrets changed,
     * and read only those values, and every value at least every {@code confirmEvery} (from 1 s to 24 h; the URI's
     * {@code versionCheck=list} defaults to 1 h). The cheapest check for many secrets: a deletion is seen within one
     * refresh, a change within one refresh plus the listing's documented lag (up to 5 minutes), a revocation of
     * {@code GetSecretValue} or of the KMS key alone within {@code confirmEvery}. Needs
     * {@code secretsmanager:ListSecrets}; without it, refreshes read values.
     *
     * @throws NullPointerException when {@code confirmEvery} is null
     * @throws IllegalArgumentException when {@code confirmEvery} is outside 1 s to 24 h
     * @throws IllegalStateException when a version check was already set
     */
    public Builder listVersionCheck(Duration confirmEvery) {
      setCheck(confirmEvery, true);
      return this;
    }

    private void setCheck(Duration confirmEvery, boolean list) {
      Objects.requireNonNull(confirmEvery, "confirmEvery");
      if (this.confirmEvery != null) {
        throw new IllegalStateException("the version check was already set to "
            + (listCheck ? "list" : "describe") + " with confirmEvery " + this.confirmEvery);
      }
      if (confirmEvery.compareTo(Duration.ofSeconds(1)) < 0 || confirmEvery.compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException("confirmEvery must be from 1s to 24h, was " + confirmEvery);
      }
      this.confirmEvery = confirmEvery;
      this.listCheck = list;
    }

    /** The source; its id is {@code aws-sm://REGION?prefix=PREFIX} with the client's region. */
    public SecretSource build() {
      return AwsSources.overClient(client, prefix == null ? "" : prefix, closeClient != null && closeClient,
          confirmEvery, listCheck);
    }
  }
}
