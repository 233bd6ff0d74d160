package dev.secrets4j.gcp;

import com.google.auth.Credentials;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.gcp.internal.GcpSourceFactory;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.util.Objects;

/**
 * Google Cloud Secret Manager sources built in code. Hand the result to {@code Secrets.builder().source(SecretSource)};
 * it then serves whatever environment is detected, so pick the environment's project yourself. Configured sources
 * ({@code gcp-sm} URIs) need none of this.
 *
 * <pre>{@code
 * // a URI, as in configuration, with credentials of your own
 * SecretSource source = GcpSecretSources.fromUri("gcp-sm://acme-payments-prod?prefix=payments-", credentials);
 *
 * // or a client you build and keep owning
 * SecretManagerServiceClient client = SecretManagerServiceClient.create(
 *     GcpSecretSources.settings().setCredentialsProvider(myCredentials).build());
 * SecretSource source = GcpSecretSources.builder(client).project("acme-payments-prod").prefix("payments-").build();
 * }</pre>
 */
public final class GcpSecretSources {
  private GcpSecretSources() {}

  /**
   * A source for {@code uri} ({@code gcp-sm://PROJECT} with the same parameters as in configuration) with
   * Application Default Credentials. The client is made, and the credentials found, on the first read.
   *
   * @throws SecretConfigurationException when the URI is malformed, naming the parameter and the valid forms
   * @throws IllegalArgumentException when the URI still contains {@code {env}}
   */
  public static SecretSource fromUri(String uri) {
    return GcpSourceFactory.fromUri(parse(uri), null);
  }

  /**
   * As {@link #fromUri(String)}, authenticated by {@code credentials} (a service account's, an impersonated one's)
   * instead of Application Default Credentials; with {@code impersonate=} in the URI they are the source credentials
   * that ask for the service account's tokens.
   *
   * @throws SecretConfigurationException when the URI is malformed, sets {@code plaintext=true} (which sends no
   *     credentials), or sets {@code impersonate=} while {@code credentials} are not {@code GoogleCredentials}
   * @throws IllegalArgumentException when the URI still contains {@code {env}}
   */
  public static SecretSource fromUri(String uri, Credentials credentials) {
    return GcpSourceFactory.fromUri(parse(uri), Objects.requireNonNull(credentials, "credentials"));
  }

  /**
   * Starts a source over {@code client}, used as configured: its endpoint, credentials and retries. The source
   * never closes the client: the application keeps owning it.
   */
  public static Builder builder(SecretManagerServiceClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Client settings with this library's bounded retries: each call makes at most 3 attempts of at most 5 s,
   * 100 ms then 200 ms apart, so it ends within 15.3 s. Add credentials or an endpoint, then build the client.
   */
  public static SecretManagerServiceSettings.Builder settings() {
    return GcpSourceFactory.defaultSettings();
  }

  private static SourceUri parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    if (uri.contains("{env}")) {
      throw new IllegalArgumentException("the source URI contains {env}, which only configuration expands;"
          + " put the environment's project in the URI");
    }
    return SourceUri.parse(uri, Environment.DEVELOPMENT);
  }

  /**
   * Configures one source over a client: the project is required, the prefix and location optional. Each setter
   * may be called once and validates at once.
   */
  public static final class Builder {
    private final SecretManagerServiceClient client;
    private String project;
    private String prefix;
    private String location;
    private String alias;

    private Builder(SecretManagerServiceClient client) {
      this.client = client;
    }

    /**
     * The project id or number that holds this environment's secrets.
     *
     * @throws IllegalArgumentException when it is not a project id or number
     * @throws IllegalStateException when it was set already
     */
    public Builder project(String project) {
      requireUnset(this.project, "project");
      GcpSourceFactory.checkProject(Objects.requireNonNull(project, "project"));
      this.project = project;
      return this;
    }

    /**
     * Prepended to every secret name: {@code payments-} reads {@code stripe-api-key} from secret
     * {@code payments-stripe-api-key}.
     *
     * @throws IllegalArgumentException when it holds characters a secret id cannot
     * @throws IllegalStateException when it was set already
     */
    public Builder prefix(String prefix) {
      requireUnset(this.prefix, "prefix");
      GcpSourceFactory.checkPrefix(Objects.requireNonNull(prefix, "prefix"));
      this.prefix = prefix;
      return this;
    }

    /**
     * The region of regional secrets ({@code europe-west1}); the client must then point at that region's
     * endpoint ({@code secretmanager.europe-west1.rep.googleapis.com:443}). Without it, secrets are global.
     *
     * @throws IllegalArgumentException when it is not a region name
     * @throws IllegalStateException when it was set already
     */
    public Builder location(String location) {
      requireUnset(this.location, "location");
      GcpSourceFactory.checkLocation(Objects.requireNonNull(location, "location"));
      this.location = location;
      return this;
    }

    /**
     * The version alias read as current ({@code prod}: {@code projects/P/secrets/S/versions/prod}) instead of
     * {@code latest}; version ids stay the numbers the alias points at.
     *
     * @throws IllegalArgumentException when it is not a version alias (1 to 63 letters, digits, '-' and '_', not a
     *     number, not {@code latest})
     * @throws IllegalStateException when it was set already
     */
    public Builder alias(String alias) {
      requireUnset(this.alias, "alias");
      GcpSourceFactory.checkAlias(Objects.requireNonNull(alias, "alias"));
      this.alias = alias;
      return this;
    }

    /**
     * The source. Its id is {@code gcp-sm://PROJECT} with the prefix, location and alias as parameters.
     *
     * @throws IllegalStateException when no project was set
     * @throws IllegalArgumentException when the client talks to Google's global endpoint while a location is set,
     *     or to a regional endpoint of another (or no) location
     */
    public SecretSource build() {
      if (project == null) {
        throw new IllegalStateException("project was not set; call project(\"my-project-id\") first");
      }
      return GcpSourceFactory.forClient(client, project, prefix, location, alias);
    }

    private static void requireUnset(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set to " + current);
      }
    }
  }
}
