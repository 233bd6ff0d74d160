package dev.secrets4j.aws.internal;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** Builds the SDK client a source owns: the JDK HTTP client, bounded timeouts, a bounded retry strategy. */
final class Clients {
  static final Duration BACKOFF_BASE = Duration.ofMillis(100);
  static final Duration BACKOFF_MAX = Duration.ofSeconds(1);
  static final Duration THROTTLING_BACKOFF_BASE = Duration.ofMillis(250);

  private Clients() {}

  /** The retry and timeout settings of a client: at most {@code maxAttempts}, each and all bounded. */
  static ClientOverrideConfiguration overrides(Duration attemptTimeout, Duration callTimeout, int maxAttempts) {
    RetryStrategy retries = AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(BackoffStrategy.exponentialDelay(BACKOFF_BASE, BACKOFF_MAX))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLING_BACKOFF_BASE, BACKOFF_MAX))
        .build();
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(attemptTimeout)
        .apiCallTimeout(callTimeout)
        .retryStrategy(retries)
        .build();
  }

  /** The client for {@code settings}, signing with {@code credentials}. The client owns its HTTP client. */
  static SecretsManagerClient build(AwsSourceSettings settings, AwsCredentialsProvider credentials) {
    return build(settings, credentials, null);
  }

  /** As {@link #build(AwsSourceSettings, AwsCredentialsProvider)}, with {@code interceptor} (tests) when not null. */
  static SecretsManagerClient build(AwsSourceSettings settings, AwsCredentialsProvider credentials,
      ExecutionInterceptor interceptor) {
    ClientOverrideConfiguration.Builder o = overrides(settings.attemptTimeout(), settings.callTimeout(),
        settings.maxAttempts()).toBuilder();
    if (interceptor != null) {
      o.addExecutionInterceptor(interceptor);
    }
    SecretsManagerClientBuilder b = SecretsManagerClient.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .fipsEnabled(settings.fips())
        .dualstackEnabled(settings.dualstack())
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(settings.connectTimeout())
            .socketTimeout(settings.attemptTimeout()))
        .overrideConfiguration(o.build());
    if (settings.endpoint() != null) {
      b.endpointOverride(settings.endpoint());
    }
    return b.build();
  }

  /**
   * The SDK's default chain, or one named profile; either way resolved lazily at the first call, so creating a
   * source does no I/O. A failure to find credentials is marked so that it maps to ACCESS_DENIED.
   */
  static MarkedCredentials credentials(AwsSourceSettings settings, AwsCredentialsProvider given) {
    return credentials(settings, given, null);
  }

  /**
   * As {@link #credentials(AwsSourceSettings, AwsCredentialsProvider)}, reading profiles from {@code profiles}
   * (null: the SDK's shared config and credentials files, {@code ~/.aws/config} and {@code ~/.aws/credentials} or
   * where {@code AWS_CONFIG_FILE} and {@code AWS_SHARED_CREDENTIALS_FILE} say).
   */
  static MarkedCredentials credentials(AwsSourceSettings settings, AwsCredentialsProvider given,
      ProfileFile profiles) {
    if (given != null && settings.role() != null) {
      return new MarkedCredentials(new AssumedRoleCredentials(settings, given), settings.role() + " assumed with "
          + "the application's credentials provider", true);
    }
    if (given != null) {
      return new MarkedCredentials(given, "the application's credentials provider", false);
    }
    AwsCredentialsProvider delegate;
    if (settings.profile() != null) {
      ProfileCredentialsProvider.Builder b = ProfileCredentialsProvider.builder().profileName(settings.profile());
      delegate = (profiles == null ? b : b.profileFile(profiles)).build();
    } else {
      DefaultCredentialsProvider.Builder b = DefaultCredentialsProvider.builder();
      delegate = (profiles == null ? b : b.profileFile(() -> profiles)).build();
    }
    String where = settings.profile() != null ? "profile '" + settings.profile() + "'"
        : "the default credentials chain";
    if (settings.role() != null) {
      return new MarkedCredentials(new AssumedRoleCredentials(settings, delegate), settings.role() + " assumed with "
          + where, true, delegate);
    }
    return new MarkedCredentials(delegate, where, true);
  }

  /** Thrown (as the cause of an SDK client exception) when no credentials could be found. */
  static final class CredentialsUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CredentialsUnavailable(String message) {
      super(message, null, false, false);
    }
  }

  /** Delegates to a credentials provider, marking its failure with {@link CredentialsUnavailable}. */
  static final class MarkedCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
    private final AwsCredentialsProvider delegate;
    private final String where;
    private final boolean owned;
    private final AwsCredentialsProvider base;

    MarkedCredentials(AwsCredentialsProvider delegate, String where, boolean owned) {
      this(delegate, where, owned, null);
    }

    /** {@code base}, when not null, is the owned provider {@code delegate} signs its own calls with. */
    MarkedCredentials(AwsCredentialsProvider delegate, String where, boolean owned, AwsCredentialsProvider base) {
      this.delegate = delegate;
      this.where = where;
      this.owned = owned;
      this.base = base;
    }

    @Override
    public AwsCredentials resolveCredentials() {
      try {
        return delegate.resolveCredentials();
      } catch (SdkException e) {
        if (AwsErrors.isNetworkFailure(e) || (e instanceof AwsServiceException
            && (((AwsServiceException) e).statusCode() >= 500 || ((AwsServiceException) e).isThrottlingException()))) {
          throw e; // STS or the metadata service is down or throttling: an outage, not missing credentials
        }
        throw SdkClientException.builder()
            .message("no AWS credentials from " + where + ": " + e.getMessage())
            .cause(new CredentialsUnavailable(where))
            .build();
      } catch (RuntimeException e) {
        throw SdkClientException.builder()
            .message("no AWS credentials from " + where + ": " + e.getMessage())
            .cause(new CredentialsUnavailable(where))
            .build();
      }
    }

    /** Where credentials come from, for messages. */
    String where() {
      return where;
    }

    @Override
    public void close() {
      if (owned && delegate instanceof SdkAutoCloseable) {
        ((SdkAutoCloseable) delegate).close();
      }
      if (base instanceof SdkAutoCloseable) {
        ((SdkAutoCloseable) base).close();
      }
    }

    @Override
    public String toString() {
      return "credentials from " + where;
    }
  }
}
