package dev.secrets4j.gcp.internal;

import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import dev.secrets4j.spi.SecretSource;
import java.time.Duration;
import java.util.Objects;

/** What {@link dev.secrets4j.gcp.GcpSecretManager} needs from this package. Not API. */
public final class GcpSources {
  private GcpSources() {}

  /** A source over an application's own client, which it keeps owning. */
  public static SecretSource forClient(SecretManagerServiceClient client, String project, String prefix,
      String location) {
    Objects.requireNonNull(client, "client");
    GcpSourceConfig config = GcpSourceConfig.forClient(project, prefix, location);
    return new GcpSecretSource(config, () -> client, false);
  }

  /** @throws IllegalArgumentException when {@code project} is not a project id or number */
  public static void checkProject(String project) {
    GcpSourceConfig.require(GcpSourceConfig.checkProject(project));
  }

  /** @throws IllegalArgumentException when {@code prefix} holds characters a secret id cannot */
  public static void checkPrefix(String prefix) {
    GcpSourceConfig.require(GcpSourceConfig.checkPrefix(prefix));
  }

  /** @throws IllegalArgumentException when {@code location} is not a region name */
  public static void checkLocation(String location) {
    GcpSourceConfig.require(GcpSourceConfig.checkLocation(location));
  }

  /** Settings with this provider's bounded retries. */
  public static SecretManagerServiceSettings.Builder settings(Duration timeout, int attempts) {
    return GcpClients.settings(timeout, attempts);
  }

  /** The default deadline of one attempt. */
  public static Duration defaultTimeout() {
    return GcpSourceConfig.DEFAULT_TIMEOUT;
  }

  /** The default attempts per call. */
  public static int defaultAttempts() {
    return GcpSourceConfig.DEFAULT_ATTEMPTS;
  }
}
