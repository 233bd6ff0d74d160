package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds Secrets Manager sources: from a URI (with a client of their own) or over an application's client. Public
 * only so that {@code dev.secrets4j.aws} and the provider can reach it; not API.
 */
public final class AwsSources {
  private AwsSources() {}

  /**
   * The source {@code uri} describes, with its own client, signing with {@code credentials} (null: the URI's
   * profile or the SDK's default chain). No network call is made here.
   *
   * @throws dev.secrets4j.SecretConfigurationException when the URI is malformed
   */
  public static SecretSource fromUri(SourceUri uri, AwsCredentialsProvider credentials) {
    return create(AwsSourceSettings.parse(uri), credentials);
  }

  /**
   * A source over an application's client; the client is closed with the source only if {@code closeClient}.
   *
   * @param confirmEvery null: refreshes read the value; else refreshes check the version with
   *     {@code DescribeSecret} (or, with {@code list}, one {@code ListSecrets}) and read the value at least this often
   */
  public static SecretSource overClient(SecretsManagerClient client, String prefix, boolean closeClient,
      Duration confirmEvery, boolean list) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(prefix, "prefix");
    String region = null;
    try {
      region = client.serviceClientConfiguration().region().id();
    } catch (RuntimeException e) {
      // a hand-written client may not expose its configuration: the id then says "injected-client"
    }
    return new AwsSecretsManagerSource(client, closeClient, null,
        AwsSourceSettings.forInjectedClient(region, prefix, confirmEvery, list), Clock.systemUTC());
  }

  /** The timeouts and retries of a URI-created source's client with the default settings. */
  public static ClientOverrideConfiguration defaultOverrides() {
    return Clients.overrides(AwsSourceSettings.DEFAULT_ATTEMPT_TIMEOUT, AwsSourceSettings.DEFAULT_CALL_TIMEOUT,
        AwsSourceSettings.DEFAULT_MAX_ATTEMPTS);
  }

  static AwsSecretsManagerSource create(AwsSourceSettings settings, AwsCredentialsProvider credentials) {
    return create(settings, credentials, Clock.systemUTC());
  }

  /** As {@link #create(AwsSourceSettings, AwsCredentialsProvider)}, reading the time from {@code clock}. */
  static AwsSecretsManagerSource create(AwsSourceSettings settings, AwsCredentialsProvider credentials, Clock clock) {
    return create(settings, credentials, clock, null);
  }

  /** As {@link #create(AwsSourceSettings, AwsCredentialsProvider, Clock)}, with a test's SDK interceptor. */
  static AwsSecretsManagerSource create(AwsSourceSettings settings, AwsCredentialsProvider credentials, Clock clock,
      ExecutionInterceptor interceptor) {
    return create(settings, credentials, clock, interceptor, null);
  }

  /**
   * As {@link #create(AwsSourceSettings, AwsCredentialsProvider, Clock, ExecutionInterceptor)}, reading the
   * {@code profile=} and the default chain's profiles from {@code profiles} (null: the SDK's shared files).
   */
  static AwsSecretsManagerSource create(AwsSourceSettings settings, AwsCredentialsProvider credentials, Clock clock,
      ExecutionInterceptor interceptor, ProfileFile profiles) {
    Clients.MarkedCredentials marked = Clients.credentials(settings, credentials, profiles);
    SecretsManagerClient client;
    try {
      client = BackgroundClient.start(new ClientBuild(settings, marked, interceptor), "secrets4j-aws-client");
      if (!settings.fallback().isEmpty()) {
        client = new RegionFailover(client, settings,
            region -> Clients.build(settings.inRegion(region), marked, interceptor), clock);
      }
    } catch (RuntimeException e) {
      marked.close();
      throw e;
    }
    // credentials the application passed in are its own: only the marking wrapper is closed, not them
    return new AwsSecretsManagerSource(client, true, marked, settings, clock);
  }

  /** Builds the primary region's client, on {@link BackgroundClient}'s thread. */
  private static final class ClientBuild implements Callable<SecretsManagerClient> {
    private final AwsSourceSettings settings;
    private final Clients.MarkedCredentials credentials;
    private final ExecutionInterceptor interceptor;

    ClientBuild(AwsSourceSettings settings, Clients.MarkedCredentials credentials, ExecutionInterceptor interceptor) {
      this.settings = settings;
      this.credentials = credentials;
      this.interceptor = interceptor;
    }

    @Override
    public SecretsManagerClient call() {
      return Clients.build(settings, credentials, interceptor);
    }
  }
}
