package dev.secrets4j.test.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.AzureAuthorityHosts;
import com.azure.identity.WorkloadIdentityCredential;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local token endpoint, as azure-identity's workload identity credential sees it; the test credential's failures. */
class LocalTokenEndpointTest {
  private static final String ASSERTION = "eyJhbGciOiJSUzI1NiJ9.projected-service-account-token.sig";
  private static final TokenRequestContext VAULT_SCOPE = new TokenRequestContext()
      .addScopes("https://vault.azure.net/.default");

  private final LocalTokenEndpoint entra = LocalTokenEndpoint.start();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    entra.close();
  }

  private WorkloadIdentityCredential workloadIdentity(String clientId, String authorityHost) throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("azure-identity-token"), ASSERTION);
    return new WorkloadIdentityCredentialBuilder().clientId(clientId).tenantId(LocalKeyVault.TENANT)
        .tokenFilePath(tokenFile.toString()).authorityHost(authorityHost).httpClient(LocalKeyVault.httpClient())
        .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO))).build();
  }

  @Test
  void workloadIdentity_sendsTheTokenFilesAssertion_andGetsTheIssuedToken() throws Exception {
    entra.acceptAssertion(ASSERTION).issue("issued-bearer");

    String token = workloadIdentity("client-1", entra.authorityHost()).getToken(VAULT_SCOPE).block().getToken();

    assertThat(token).isEqualTo("issued-bearer");
    assertThat(entra.grants()).singleElement().satisfies(g -> {
      assertThat(g.host()).isEqualTo("login.microsoftonline.com");
      assertThat(g.tenant()).isEqualTo(LocalKeyVault.TENANT);
      assertThat(g.grantType()).isEqualTo("client_credentials");
      assertThat(g.clientId()).isEqualTo("client-1");
      assertThat(g.scope()).contains("https://vault.azure.net/.default");
      assertThat(g.assertion()).isEqualTo(ASSERTION);
      assertThat(g.toString()).doesNotContain(ASSERTION);
    });
  }

  @Test
  void eachCloudsSignInHost_isAnswered() throws Exception {
    workloadIdentity("client-cn", AzureAuthorityHosts.AZURE_CHINA).getToken(VAULT_SCOPE).block();
    workloadIdentity("client-us", AzureAuthorityHosts.AZURE_GOVERNMENT).getToken(VAULT_SCOPE).block();
    assertThat(entra.grants()).extracting(TokenGrant::host)
        .containsExactly("login.chinacloudapi.cn", "login.microsoftonline.us");
  }

  @Test
  void anotherAssertion_isRefusedAsInvalidClient() throws Exception {
    entra.acceptAssertion("some-other-assertion");
    assertThatThrownBy(() -> workloadIdentity("client-2", entra.authorityHost()).getToken(VAULT_SCOPE).block())
        .isInstanceOfSatisfying(MsalServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.errorCode()).isEqualTo("invalid_client");
          assertThat(e.getMessage()).contains("AADSTS700213");
        });
  }

  @Test
  void anOutage_isAnswered5xxTemporarilyUnavailable_untilAnsweredNormally() throws Exception {
    entra.answerStatus(503);
    assertThatThrownBy(() -> workloadIdentity("client-3", entra.authorityHost()).getToken(VAULT_SCOPE).block())
        .isInstanceOfSatisfying(MsalServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(503);
          assertThat(e.errorCode()).isEqualTo("temporarily_unavailable");
        });
    entra.answerNormally();
    assertThat(workloadIdentity("client-4", entra.authorityHost()).getToken(VAULT_SCOPE).block()).isNotNull();
    assertThatThrownBy(() -> entra.answerStatus(200)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void testCredential_failsAsTheRealCredentialsDo() {
    assertThatThrownBy(() -> TestCredential.refused().getToken(VAULT_SCOPE).block())
        .isInstanceOf(ClientAuthenticationException.class).hasMessageContaining("AADSTS7000215");
    assertThatThrownBy(() -> TestCredential.serviceUnavailable().getToken(VAULT_SCOPE).block())
        .isInstanceOfSatisfying(MsalServiceException.class,
            e -> assertThat(e.errorCode()).isEqualTo("temporarily_unavailable"));
    assertThatThrownBy(() -> TestCredential.endpointUnreachable().getToken(VAULT_SCOPE).block())
        .isInstanceOf(MsalClientException.class).hasRootCauseInstanceOf(java.net.ConnectException.class);
  }
}
