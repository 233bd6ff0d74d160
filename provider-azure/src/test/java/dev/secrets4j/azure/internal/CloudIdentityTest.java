package dev.secrets4j.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.azure.LocalKeyVault;
import dev.secrets4j.test.azure.LocalTokenEndpoint;
import dev.secrets4j.test.azure.TokenGrant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The source's own credential, as azure-identity builds it from the URI and the environment, through the real SDK:
 * a workload identity's federated token read from its token file reaches the local token endpoint as the client
 * assertion, and the bearer it is given reaches the local vault; each cloud's vault domain and sign-in host.
 */
class CloudIdentityTest {
  private static final String CLIENT = "2b6f1c9e-51a4-4c7e-9d3b-8f0a6e2d4c17";
  private static final String BEARER = "bearer-for-the-workload-identity";

  private LocalKeyVault vault;
  private LocalTokenEndpoint entra;
  private Path tokenFile;
  private String assertion;
  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    vault = LocalKeyVault.start().acceptToken(BEARER);
    entra = LocalTokenEndpoint.start().issue(BEARER);
    assertion = "eyJhbGciOiJSUzI1NiJ9.federated-" + UUID.randomUUID() + ".sig";
    tokenFile = Files.writeString(dir.resolve("azure-identity-token"), assertion);
    entra.acceptAssertion(assertion);
  }

  @AfterEach
  void stop() {
    entra.close();
    vault.close();
  }

  /** A source with its own credential; {@code environment} is what azure-identity sees as the process environment. */
  private KeyVaultSecretSource source(String uri, Map<String, String> environment) {
    return TestSources.source(uri, null, environment, Clock.systemUTC(), w -> { });
  }

  private SecretClient writer() {
    // the operator's client has a token the vault accepts too
    return new com.azure.security.keyvault.secrets.SecretClientBuilder().vaultUrl(vault.vaultUrl())
        .credential(dev.secrets4j.test.azure.TestCredential.token(BEARER)).httpClient(LocalKeyVault.httpClient())
        .buildClient();
  }

  private String workloadParams() {
    return "clientId=" + CLIENT + "&tenantId=" + LocalKeyVault.TENANT + "&tokenFile=" + tokenFile;
  }

  @Test
  void workloadIdentityFromUriParameters_sendsTheTokenFilesAssertion_andItsBearerReachesTheVault() throws Exception {
    writer().setSecret("db-password", "from-the-vault");
    KeyVaultSecretSource src = source(vault.sourceUri(workloadParams()), Map.of());

    assertThat(src.fetch("db-password", VersionSelector.CURRENT).valueAsString()).isEqualTo("from-the-vault");

    TokenGrant grant = entra.grants().get(entra.grants().size() - 1);
    assertThat(grant.host()).isEqualTo("login.microsoftonline.com");
    assertThat(grant.tenant()).isEqualTo(LocalKeyVault.TENANT);
    assertThat(grant.clientId()).isEqualTo(CLIENT);
    assertThat(grant.assertion()).isEqualTo(assertion);
    assertThat(grant.scope()).contains("https://vault.azure.net/.default");
    assertThat(vault.requests()).filteredOn(r -> r.authenticated()).extracting(r -> r.status()).contains(200);
  }

  @Test
  void workloadIdentityFromTheEnvironment_asTheAksWebhookSetsIt_throughTheSdksConfiguration() throws Exception {
    writer().setSecret("db-password", "from-the-vault");
    Map<String, String> webhook = Map.of("AZURE_CLIENT_ID", CLIENT, "AZURE_TENANT_ID", LocalKeyVault.TENANT,
        "AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString(), "AZURE_AUTHORITY_HOST", entra.authorityHost());
    KeyVaultSecretSource src = source(vault.sourceUri(""), webhook);

    assertThat(src.fetch("db-password", VersionSelector.CURRENT).valueAsString()).isEqualTo("from-the-vault");
    assertThat(entra.grants()).last().satisfies(g -> {
      assertThat(g.clientId()).isEqualTo(CLIENT);
      assertThat(g.assertion()).isEqualTo(assertion);
    });
    assertThat(System.getenv("AZURE_FEDERATED_TOKEN_FILE")).as("the process environment is not touched")
        .isNotEqualTo(tokenFile.toString());
  }

  @Test
  void tokenFileParameter_withClientAndTenantFromTheEnvironment() throws Exception {
    writer().setSecret("db-password", "v");
    KeyVaultSecretSource src = source(vault.sourceUri("tokenFile=" + tokenFile),
        Map.of("AZURE_CLIENT_ID", CLIENT, "AZURE_TENANT_ID", LocalKeyVault.TENANT));
    assertThat(src.fetch("db-password", VersionSelector.CURRENT).valueAsString()).isEqualTo("v");
    assertThat(entra.grants()).last().extracting(TokenGrant::clientId).isEqualTo(CLIENT);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "public|vault.azure.net|login.microsoftonline.com",
      "china|vault.azure.cn|login.chinacloudapi.cn",
      "usgov|vault.usgovcloudapi.net|login.microsoftonline.us"})
  void cloudPreset_readsTheVaultUnderItsDomain_withTokensFromItsSignInHostForItsResource(String cloud,
      String vaultDomain, String signInHost) throws Exception {
    vault.put("api-key", "in-" + cloud);
    KeyVaultSecretSource src = source("azure-kv://" + vault.vaultName() + "?cloud=" + cloud + "&"
        + workloadParams(), Map.of());

    assertThat(src.fetch("api-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("in-" + cloud);

    assertThat(entra.grants()).last().satisfies(g -> {
      assertThat(g.host()).isEqualTo(signInHost);
      assertThat(g.scope()).contains("https://" + vaultDomain + "/.default");
    });
  }

  @Test
  void authorityHostParameter_overridesTheCloudsSignInHost() throws Exception {
    vault.put("api-key", "v");
    KeyVaultSecretSource src = source(vault.sourceUri("authorityHost=https://login.microsoftonline.us/&"
        + workloadParams()), Map.of());
    src.fetch("api-key", VersionSelector.CURRENT);
    assertThat(entra.grants()).last().extracting(TokenGrant::host).isEqualTo("login.microsoftonline.us");
  }

  @Test
  void tokenFileWithoutAClientId_isAConfigurationErrorAtCreation_namingTheParameterAndTheVariable() {
    int before = entra.grants().size();
    assertThatThrownBy(() -> source(vault.sourceUri("tokenFile=" + tokenFile + "&tenantId=" + LocalKeyVault.TENANT),
        Map.of()))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("sets tokenFile (a workload identity) but no clientId")
        .hasMessageContaining("clientId=", "AZURE_CLIENT_ID");
    assertThat(entra.grants()).hasSize(before);
    assertThat(vault.totalCalls()).isZero();
  }

  @Test
  void theTokenFilesContents_appearInNoIdMessageOrToString_evenWhenRefused() throws Exception {
    entra.acceptAssertion("another-subjects-assertion");
    KeyVaultSecretSource src = source(vault.sourceUri(workloadParams() + "&retries=0"), Map.of());

    SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
        () -> src.fetch("api-key", VersionSelector.CURRENT));

    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(src.id()).contains("tokenFile=" + tokenFile).doesNotContain(assertion);
    List<String> texts = new ArrayList<>(List.of(src.toString(), src.id()));
    for (Throwable t = e; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      for (Throwable s : t.getSuppressed()) {
        texts.add(String.valueOf(s.getMessage()));
      }
    }
    assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(assertion));
  }
}
