package dev.secrets4j.gcp;

import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import dev.secrets4j.gcp.internal.GcpSources;
import dev.secrets4j.spi.SecretSource;
import java.util.Objects;

/**
 * Google Cloud Secret Manager sources over a {@link SecretManagerServiceClient} the application builds itself
 * (its own credentials, endpoint or transport). Pass the result to
 * {@code Secrets.builder().source(SecretSource)}. Applications content with Application Default Credentials
 * configure a {@code gcp-sm://PROJECT} URI instead.
 *
 * <pre>{@code
 * SecretManagerServiceClient client = SecretManagerServiceClient.create(
 *     GcpSecretManager.settings().setCredentialsProvider(myCredentials).build());
 * Secrets secrets = Secrets.builder()
 *     .source(GcpSecretManager.source(client).project("acme-payments-prod").prefix("payments-").build())
 *     .build();
 * }</pre>
 */
public final class GcpSecretManager {
  private GcpSecretManager() {}

  /**
   * Starts a source over {@code client}. The source never closes the client: the application keeps owning it.
   */
  public static Builder source(SecretManagerServiceClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Client settings with this library's bounded retries: each call makes at most 3 attempts of at most 5 s,
   * 100 ms then 200 ms apart, so it ends within 15.3 s. Add credentials or an endpoint, then build the client.
   */
  public static SecretManagerServiceSettings.Builder settings() {
    return GcpSources.settings(GcpSources.defaultTimeout(), GcpSources.defaultAttempts());
  }

  /**
   * Configures one source: the project is required, the prefix and location optional. Each setter may be called
   * once and validates at once.
   */
  public static final class Builder {
    private final SecretManagerServiceClient client;
    private String project;
    private String prefix;
    private String location;

    private Builder(SecretManagerServiceClient client) {
      this.client = client;
    }

    /**
     * The project id or number that holds this environment's secrets.
     *
     * @throws IllegalArgumentException when it is not a project id or number
     */
    public Builder project(String project) {
      requireUnset(this.project, "project");
      this.project = Objects.requireNonNull(project, "project");
      GcpSources.checkProject(project);
      return this;
    }

    /**
     * Prepended to every secret name: {@code payments-} reads {@code stripe-api-key} from secret
     * {@code payments-stripe-api-key}.
     *
     * @throws IllegalArgumentException when it holds characters a secret id cannot
     */
    public Builder prefix(String prefix) {
      requireUnset(this.prefix, "prefix");
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      GcpSources.checkPrefix(prefix);
      return this;
    }

    /**
     * The region of regional secrets ({@code europe-west1}); the client must then point at that region's
     * endpoint ({@code secretmanager.europe-west1.rep.googleapis.com:443}). Without it, secrets are global.
     *
     * @throws IllegalArgumentException when it is not a region name
     */
    public Builder location(String location) {
      requireUnset(this.location, "location");
      this.location = Objects.requireNonNull(location, "location");
      GcpSources.checkLocation(location);
      return this;
    }

    /**
     * The source. Its id is {@code gcp-sm://PROJECT} with the prefix and location as parameters.
     *
     * @throws IllegalStateException when no project was set
     */
    public SecretSource build() {
      if (project == null) {
        throw new IllegalStateException("project was not set; call project(\"my-project-id\") first");
      }
      return GcpSources.forClient(client, project, prefix, location);
    }

    private static void requireUnset(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set to " + current);
      }
    }
  }
}
