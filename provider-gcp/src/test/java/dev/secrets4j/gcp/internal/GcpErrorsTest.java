package dev.secrets4j.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import dev.secrets4j.gcp.GcpSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.gcp.Fault;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of the README's error table that need the store's own wording or details, through the real client: what
 * kind each store answer becomes and what its message tells the operator.
 */
class GcpErrorsTest extends LocalServerTest {

  GcpErrorsTest() {
    super("acme-errors");
  }

  private SecretSourceException fetchFails(SecretSource s, String name) {
    return catchThrowableOfType(SecretSourceException.class, () -> s.fetch(name, VersionSelector.CURRENT));
  }

  @Test
  void permissionDenied_forAMissingSecretWithoutProjectAccess_hintsTheRole_andThatItMayNotExist() {
    server.projectAccess(false);

    SecretSourceException e = fetchFails(source, "nowhere-key");

    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("Permission 'secretmanager.versions.access' denied for resource "
            + "'projects/acme-errors/secrets/nowhere-key/versions/latest' (or it may not exist)",
        "grant", "roles/secretmanager.secretAccessor", "or the secret may not exist", source.id());
  }

  @Test
  void throttling_isTransient_notRetriedByTheSdk_andCarriesTheStoresRetryDelay() throws Exception {
    operator.put("busy-key", "v");
    server.inject(Fault.throttling(Duration.ofSeconds(7)).on("AccessSecretVersion").times(1));

    SecretSourceException e = fetchFails(source, "busy-key");

    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.getMessage()).contains("throttled", "Quota exceeded", "after 7000 ms", "busy-key");
    assertThat(server.calls("AccessSecretVersion")).as("no second attempt 100 ms later").isEqualTo(1);
  }

  @Test
  void throttling_withoutRetryInfo_isTransient_withoutAHint() throws Exception {
    operator.put("busy-key", "v");
    server.inject(Fault.status(Status.Code.RESOURCE_EXHAUSTED).on("AccessSecretVersion"));

    SecretSourceException e = fetchFails(source, "busy-key");

    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.retryAfter()).isEmpty();
    assertThat(server.calls("AccessSecretVersion")).isEqualTo(1);
  }

  @Test
  void disabledVersion_isPermanent_andSaysHowToEnableIt() throws Exception {
    operator.put("off-key", "v1");
    operator.disable("off-key", "1");

    SecretSourceException e = fetchFails(source, "off-key");

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("is in DISABLED state", "gcloud secrets versions enable", "off-key");
  }

  @Test
  void destroyedVersion_isPermanent_andSaysToAddANewOne() throws Exception {
    operator.put("gone-key", "v1");
    operator.destroy("gone-key", "1");

    SecretSourceException e = fetchFails(source, "gone-key");

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("is in DESTROYED state", "cannot come back", "gcloud secrets versions add");
  }

  @Test
  void unauthenticated_isAccessDenied_andPointsAtTheCredentials() {
    server.inject(Fault.status(Status.Code.UNAUTHENTICATED).on("AccessSecretVersion"));

    SecretSourceException e = fetchFails(source, "any-key");

    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("credentials were refused", "GOOGLE_APPLICATION_CREDENTIALS");
  }

  @Test
  void untrustedCertificate_isPermanent_andNamesTheEndpointAndTheTrustStore(@TempDir Path dir) throws Exception {
    try (UntrustedTlsEndpoint tls = UntrustedTlsEndpoint.start(dir)) {
      SecretManagerServiceClient client = SecretManagerServiceClient.create(GcpSecretSources.settings()
          .setEndpoint(tls.endpoint())
          .setCredentialsProvider(NoCredentialsProvider.create())
          .build());
      try (SecretSource overTls = GcpSecretSources.builder(client).project("acme-errors").build()) {
        SecretSourceException e = fetchFails(overTls, "api-key");

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains("TLS connection to " + tls.endpoint(), "trust store", "api-key", overTls.id());
        assertThat(e.getMessage()).containsIgnoringCase("PKIX");
      } finally {
        client.shutdownNow();
        client.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
