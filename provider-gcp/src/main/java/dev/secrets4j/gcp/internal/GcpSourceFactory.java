package dev.secrets4j.gcp.internal;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.auth.Credentials;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.util.Objects;

/** What {@code dev.secrets4j.gcp.GcpSecretSources} needs from this package. Public only for that; not API. */
public final class GcpSourceFactory {
  private GcpSourceFactory() {}

  /**
   * A source for {@code uri} with {@code credentials}, or Application Default Credentials when null.
   *
   * @throws SecretConfigurationException when the URI is malformed, or asks for plaintext with credentials
   */
  public static SecretSource fromUri(SourceUri uri, Credentials credentials) {
    GcpSourceSettings settings = GcpSourceSettings.parse(uri);
    if (credentials == null) {
      return new GcpSecretSource(settings, () -> GcpClients.create(settings), true);
    }
    if (settings.plaintext()) {
      throw new SecretConfigurationException("source URI '" + settings.id() + "' sets plaintext=true, which sends "
          + "no credentials, but credentials were given; drop plaintext=true, or the credentials");
    }
    return new GcpSecretSource(settings, () -> SecretManagerServiceClient.create(
        GcpClients.settings(settings.timeout(), settings.attempts())
            .setEndpoint(settings.effectiveEndpoint())
            .setCredentialsProvider(FixedCredentialsProvider.create(credentials))
            .build()), true);
  }

  /**
   * A source over an application's own client, which it keeps owning.
   *
   * @throws IllegalArgumentException naming a bad project, prefix or location
   */
  public static SecretSource forClient(SecretManagerServiceClient client, String project, String prefix,
      String location) {
    Objects.requireNonNull(client, "client");
    return new GcpSecretSource(GcpSourceSettings.forClient(project, prefix, location,
        client.getSettings().getEndpoint()), () -> client, false);
  }

  /** @throws IllegalArgumentException when {@code project} is not a project id or number */
  public static void checkProject(String project) {
    GcpSourceSettings.require(GcpSourceSettings.checkProject(project));
  }

  /** @throws IllegalArgumentException when {@code prefix} holds characters a secret id cannot */
  public static void checkPrefix(String prefix) {
    GcpSourceSettings.require(GcpSourceSettings.checkPrefix(prefix));
  }

  /** @throws IllegalArgumentException when {@code location} is not a region name */
  public static void checkLocation(String location) {
    GcpSourceSettings.require(GcpSourceSettings.checkLocation(location));
  }

  /** Client settings with this provider's default bounded retries. */
  public static SecretManagerServiceSettings.Builder defaultSettings() {
    return GcpClients.settings(GcpSourceSettings.DEFAULT_TIMEOUT, GcpSourceSettings.DEFAULT_ATTEMPTS);
  }
}
