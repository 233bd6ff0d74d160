package dev.secrets4j.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.rpc.ApiExceptionFactory;
import com.google.auth.Credentials;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ImpersonatedCredentials;
import com.sun.net.httpserver.HttpServer;
import dev.secrets4j.Environment;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SourceUri;
import io.grpc.Status;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Service-account impersonation: the credentials a source builds for {@code impersonate=}, and the token exchange
 * itself against a local IAM Credentials endpoint on 127.0.0.1 (the library's real HTTP call). The gRPC calls that
 * carry the token need TLS, which the local Secret Manager does not speak, so that last leg is not exercised here.
 */
class GcpCredentialsTest {
  private static final String SA = "secrets-reader@acme-prod.iam.gserviceaccount.com";
  private static final GoogleCredentials SOURCE = GoogleCredentials.create(new AccessToken("source-token", null));

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer iam;
  private volatile int status = 200;

  @AfterEach
  void stop() {
    if (iam != null) {
      iam.stop(0);
    }
  }

  private String startIam() throws IOException {
    iam = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    iam.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
          + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
      byte[] answer = (status == 200
          ? "{\"accessToken\":\"impersonated-token\",\"expireTime\":\"2099-01-01T00:00:00Z\"}"
          : "{\"error\":{\"code\":403,\"message\":\"Permission 'iam.serviceAccounts.getAccessToken' denied\","
              + "\"status\":\"PERMISSION_DENIED\"}}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    iam.start();
    return "http://127.0.0.1:" + iam.getAddress().getPort() + "/v1/projects/-/serviceAccounts/" + SA
        + ":generateAccessToken";
  }

  private static GcpSourceSettings settings(String params) {
    return GcpSourceSettings.parse(SourceUri.parse("gcp-sm://acme-prod" + params, Environment.PRODUCTION));
  }

  @Test
  void impersonate_wrapsTheGivenCredentials_forTheServiceAccount_andTheCloudPlatformScope() throws Exception {
    Credentials built = GcpCredentials.forSource(settings("?impersonate=" + SA), SOURCE);

    assertThat(built).isInstanceOf(ImpersonatedCredentials.class);
    ImpersonatedCredentials impersonated = (ImpersonatedCredentials) built;
    assertThat(impersonated.getAccount()).isEqualTo(SA);
    assertThat(impersonated.getSourceCredentials()).isSameAs(SOURCE);
  }

  @Test
  void withoutImpersonate_theGivenCredentialsAreSentAsTheyAre() throws Exception {
    assertThat(GcpCredentials.forSource(settings(""), SOURCE)).isSameAs(SOURCE);
    assertThat(GcpCredentials.forSource(settings(""), null)).isNull();
  }

  @Test
  void tokenExchange_asksTheIamEndpointWithTheSourceToken_andGetsTheServiceAccountsToken() throws Exception {
    String endpoint = startIam();
    ImpersonatedCredentials c = GcpCredentials.impersonated(SOURCE, SA, Duration.ofSeconds(5), endpoint);

    AccessToken token = c.refreshAccessToken();

    assertThat(token.getTokenValue()).isEqualTo("impersonated-token");
    assertThat(requests).singleElement().satisfies(r -> assertThat(r)
        .startsWith("POST /v1/projects/-/serviceAccounts/" + SA + ":generateAccessToken Bearer source-token")
        .contains("https://www.googleapis.com/auth/cloud-platform", "3600s"));
  }

  @Test
  void refusedTokenExchange_isAccessDenied_andNamesTheRoleToGrant() throws Exception {
    status = 403;
    String endpoint = startIam();
    IOException refused = catchThrowableOfType(IOException.class,
        () -> GcpCredentials.impersonated(SOURCE, SA, Duration.ofSeconds(5), endpoint).refreshAccessToken());
    // gRPC reports a failed token refresh as UNAVAILABLE with the library's exception as the cause
    SecretSourceException e = GcpErrors.map(ApiExceptionFactory.createException(
        Status.UNAVAILABLE.withCause(refused).asRuntimeException(), GrpcStatusCode.of(Status.Code.UNAVAILABLE), true),
        "api-key", "projects/acme-prod/secrets/api-key/versions/latest", settings("?impersonate=" + SA));

    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("HTTP 403", SA, "roles/iam.serviceAccountTokenCreator");
  }
}
