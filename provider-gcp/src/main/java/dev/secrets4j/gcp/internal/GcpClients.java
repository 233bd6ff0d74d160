package dev.secrets4j.gcp.internal;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.auth.Credentials;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/** Builds Secret Manager clients whose every call has a bounded worst case. */
final class GcpClients {
  /**
   * The codes the SDK retries within one call. Not {@code RESOURCE_EXHAUSTED}: a project over its per-minute quota
   * gains nothing from two more calls 100 and 200 ms later (they count against the same quota); the source reports
   * it at once, with the store's {@code RetryInfo}, and the resolver waits that long.
   */
  static final Set<StatusCode.Code> RETRYABLE = Set.of(StatusCode.Code.UNAVAILABLE,
      StatusCode.Code.DEADLINE_EXCEEDED, StatusCode.Code.INTERNAL);

  private GcpClients() {}

  /**
   * Client settings where each unary call makes at most {@code attempts} attempts of at most {@code timeout}
   * each, 100 ms (doubling, at most 1 s) apart, and gives up after {@link GcpSourceSettings#worstCase}.
   */
  static SecretManagerServiceSettings.Builder settings(Duration timeout, int attempts) {
    RetrySettings retry = retrySettings(timeout, attempts);
    SecretManagerServiceSettings.Builder b = SecretManagerServiceSettings.newBuilder();
    b.applyToAllUnaryMethods(method -> {
      method.setRetrySettings(retry).setRetryableCodes(RETRYABLE);
      return null;
    });
    b.accessSecretVersionSettings().setRetrySettings(retry).setRetryableCodes(RETRYABLE);
    b.getSecretVersionSettings().setRetrySettings(retry).setRetryableCodes(RETRYABLE);
    b.getSecretSettings().setRetrySettings(retry).setRetryableCodes(RETRYABLE);
    b.listSecretVersionsSettings().setRetrySettings(retry).setRetryableCodes(RETRYABLE);
    return b;
  }

  static RetrySettings retrySettings(Duration timeout, int attempts) {
    return RetrySettings.newBuilder()
        .setInitialRpcTimeoutDuration(timeout)
        .setMaxRpcTimeoutDuration(timeout)
        .setRpcTimeoutMultiplier(1.0)
        .setInitialRetryDelayDuration(GcpSourceSettings.INITIAL_RETRY_DELAY)
        .setRetryDelayMultiplier(2.0)
        .setMaxRetryDelayDuration(GcpSourceSettings.MAX_RETRY_DELAY)
        .setMaxAttempts(attempts)
        .setTotalTimeoutDuration(GcpSourceSettings.worstCase(timeout, attempts))
        .build();
  }

  /**
   * A client for {@code settings}: over TLS with {@code credentials} (null: Application Default Credentials),
   * impersonating the settings' service account if they name one; or no credentials in plaintext.
   */
  static SecretManagerServiceClient create(GcpSourceSettings settings, Credentials credentials) throws IOException {
    SecretManagerServiceSettings.Builder b = settings(settings.timeout(), settings.attempts())
        .setEndpoint(settings.effectiveEndpoint());
    if (settings.plaintext()) {
      b.setCredentialsProvider(NoCredentialsProvider.create())
          .setTransportChannelProvider(SecretManagerServiceSettings.defaultGrpcTransportProviderBuilder()
              .setChannelConfigurator(GcpClients::plaintext)
              .build());
    } else {
      Credentials sent = GcpCredentials.forSource(settings, credentials);
      if (sent != null) {
        b.setCredentialsProvider(FixedCredentialsProvider.create(sent));
      }
    }
    return SecretManagerServiceClient.create(b.build());
  }

  @SuppressWarnings("rawtypes")
  private static ManagedChannelBuilder plaintext(ManagedChannelBuilder builder) {
    return builder.usePlaintext();
  }
}
