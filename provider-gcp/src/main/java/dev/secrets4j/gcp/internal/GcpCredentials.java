package dev.secrets4j.gcp.internal;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ImpersonatedCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The credentials a source's client sends: the given ones or Application Default Credentials, and with
 * {@code impersonate=} short-lived tokens of that service account, obtained with them from the IAM Credentials API
 * ({@code generateAccessToken}; the caller needs {@code roles/iam.serviceAccountTokenCreator} on it).
 */
final class GcpCredentials {
  static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
  /** Lifetime of an impersonated token; the library refreshes it before it ends. */
  static final int TOKEN_LIFETIME_SECONDS = 3600;

  private GcpCredentials() {}

  /**
   * The credentials for {@code settings}: null (the client's default, Application Default Credentials) when
   * nothing is given and nothing impersonated.
   *
   * @throws IOException when Application Default Credentials are needed and cannot be found
   */
  static Credentials forSource(GcpSourceSettings settings, Credentials given) throws IOException {
    if (settings.impersonate() == null) {
      return given;
    }
    GoogleCredentials source = given == null ? GoogleCredentials.getApplicationDefault() : (GoogleCredentials) given;
    return impersonated(source, settings.impersonate(), settings.timeout(), null);
  }

  /**
   * Tokens of {@code serviceAccount} obtained with {@code source}, for the {@code cloud-platform} scope; each token
   * request is bounded by {@code timeout}. {@code iamEndpoint}: the full {@code generateAccessToken} URL, null for
   * Google's.
   */
  static ImpersonatedCredentials impersonated(GoogleCredentials source, String serviceAccount, Duration timeout,
      String iamEndpoint) {
    GoogleCredentials scoped = source.createScopedRequired() ? source.createScoped(List.of(CLOUD_PLATFORM)) : source;
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    ImpersonatedCredentials.Builder b = ImpersonatedCredentials.newBuilder()
        .setSourceCredentials(scoped)
        .setTargetPrincipal(serviceAccount)
        .setScopes(List.of(CLOUD_PLATFORM))
        .setLifetime(TOKEN_LIFETIME_SECONDS)
        .setConnectTimeout(millis)
        .setReadTimeout(millis);
    if (iamEndpoint != null) {
      b.setIamEndpointOverride(iamEndpoint);
    }
    return b.build();
  }
}
