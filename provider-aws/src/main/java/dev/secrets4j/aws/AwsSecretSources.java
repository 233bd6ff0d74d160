package dev.secrets4j.aws;

import dev.secrets4j.aws.internal.AwsSecretsManagerSource;
import dev.secrets4j.spi.SecretSource;
import java.util.Objects;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Sources over a {@link SecretsManagerClient} the application builds itself (its own credentials, proxy,
 * metrics). The source reads {@code prefix + name}, behaves as a {@code aws-sm://} source does (versions,
 * batches, metadata, error kinds), and uses the client's timeouts and retries as they are: build it with
 * {@link #boundedOverrides()} to get this module's bounded worst case.
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

  /** A builder for a source over {@code client}; by default the source does not close the client. */
  public static Builder builder(SecretsManagerClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * The timeouts and retries a {@code aws-sm://} source's own client has: at most 3 attempts of at most 2 s
   * each, the whole call cut at 7 s, exponential backoff with jitter between attempts. (The HTTP client's
   * connect and socket timeouts are the HTTP client's own settings; the attempt timeout bounds them anyway.)
   */
  public static ClientOverrideConfiguration boundedOverrides() {
    return AwsSecretsManagerSource.defaultOverrides();
  }

  /** Configures one source over an application's client. Each setter may be called once. */
  public static final class Builder {
    private final SecretsManagerClient client;
    private String prefix;
    private Boolean closeClient;

    private Builder(SecretsManagerClient client) {
      this.client = client;
    }

    /** What is put before every name: {@code production/} reads {@code production/stripe-api-key}. Default none. */
    public Builder prefix(String prefix) {
      if (this.prefix != null) {
        throw new IllegalStateException("prefix was already set to " + this.prefix);
      }
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Whether closing the source closes the client. Default false: the application owns its client. */
    public Builder closeClient(boolean close) {
      if (this.closeClient != null) {
        throw new IllegalStateException("closeClient was already set to " + this.closeClient);
      }
      this.closeClient = close;
      return this;
    }

    /** The source; its id is {@code aws-sm://REGION?prefix=PREFIX} with the client's region. */
    public SecretSource build() {
      return AwsSecretsManagerSource.overClient(client, prefix == null ? "" : prefix,
          closeClient != null && closeClient);
    }
  }

}
