package dev.secrets4j.gcp.internal;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
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
    if (credentials != null && settings.plaintext()) {
      throw new SecretConfigurationException("source URI '" + settings.id() + "' sets plaintext=true, which sends "
          + "no credentials, but credentials were given; drop plaintext=true, or the credentials");
    }
    if (credentials != null && settings.impersonate() != null && !(credentials instanceof GoogleCredentials)) {
      throw new SecretConfigurationException("source URI '" + settings.id() + "' sets impersonate=, which needs "
          + "GoogleCredentials to ask for the service account's tokens, but " + credentials.getClass().getName()
          + " was given");
    }
    return new GcpSecretSource(settings, () -> GcpClients.create(settings, credentials), true);
  }

  /**
   * A source over an application's own client, which it keeps owning.
   *
   * @throws IllegalArgumentException naming a bad project, prefix or location
   */
  public static SecretSource forClient(SecretManagerServiceClient client, String project, String prefix,
      String location, String alias) {
    Objects.requireNonNull(client, "client");
    return new GcpSecretSource(GcpSourceSettings.forClient(project, prefix, location, alias,
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

  /** @throws IllegalArgumentException when {@code alias} is not a version alias */
  public static void checkAlias(String alias) {
    GcpSourceSettings.require(GcpSourceSettings.checkAlias(alias));
  }

  /** Client settings with this provider's default bounded retries. */
  public static SecretManagerServiceSettings.Builder defaultSettings() {
    return GcpClients.settings(GcpSourceSettings.DEFAULT_TIMEOUT, GcpSourceSettings.DEFAULT_ATTEMPTS);
  }
}
