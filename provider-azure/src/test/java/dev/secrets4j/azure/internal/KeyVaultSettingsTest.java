package dev.secrets4j.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.Secrets;
import dev.secrets4j.azure.AzureSecretSources;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.test.azure.TestCredential;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URI forms, parameters and their errors; discovery of the provider. No store is called here. */
class KeyVaultSettingsTest {
  private static final String CLIENT = "2b6f1c9e-51a4-4c7e-9d3b-8f0a6e2d4c17";

  private static KeyVaultSettings parse(String uri) {
    return KeyVaultSettings.parse(SourceUri.parse(uri, Environment.PRODUCTION));
  }

  @Test
  void vaultName_becomesThePublicCloudEndpoint_withEnvExpanded() {
    KeyVaultSettings s = KeyVaultSettings.parse(SourceUri.parse("azure-kv://Payments-{env}", Environment.STAGING));
    assertThat(s.vaultUrl()).isEqualTo("https://payments-staging.vault.azure.net");
    assertThat(s.id()).isEqualTo("azure-kv://Payments-staging");
  }

  @Test
  void httpsUrl_isUsedAsTheEndpoint_forOtherCloudsAndLocalServers() {
    assertThat(parse("azure-kv:https://payments.vault.azure.cn/").vaultUrl())
        .isEqualTo("https://payments.vault.azure.cn");
    assertThat(parse("azure-kv:https://127.0.0.1:8443?timeout=2s").vaultUrl()).isEqualTo("https://127.0.0.1:8443");
  }

  @Test
  void defaults_boundOneStoreCall() {
    KeyVaultSettings s = parse("azure-kv://payments-prod");
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.retries()).isEqualTo(2);
    assertThat(s.maxRetryWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.tokenTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.expiryWarning()).isEqualTo(Duration.ofDays(14));
    assertThat(s.verifyChallengeResource()).isTrue();
    assertThat(s.triesWorstCase()).isEqualTo(Duration.ofSeconds(19));
    assertThat(s.deadline()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void parameters_setTheBounds() {
    KeyVaultSettings s = parse("azure-kv://payments-prod?timeout=1500ms&retries=0&maxRetryWait=PT1S"
        + "&tokenTimeout=3s&deadline=4s&expiryWarning=0&verifyChallengeResource=false&checkDeleted=true"
        + "&tenantId=contoso.onmicrosoft.com&managedIdentityClientId=" + CLIENT);
    assertThat(s.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.retries()).isZero();
    assertThat(s.maxRetryWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.tokenTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.deadline()).isEqualTo(Duration.ofSeconds(4));
    assertThat(s.expiryWarning()).isZero();
    assertThat(s.verifyChallengeResource()).isFalse();
    assertThat(s.checkDeleted()).isTrue();
    assertThat(s.identity().tenantId()).isEqualTo("contoso.onmicrosoft.com");
    assertThat(s.identity().managedIdentityClientId()).isEqualTo(CLIENT);
    assertThat(s.triesWorstCase()).isEqualTo(Duration.ofMillis(1500));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "azure-kv://payments|https://payments.vault.azure.net|https://login.microsoftonline.com/",
      "azure-kv://payments?cloud=public|https://payments.vault.azure.net|https://login.microsoftonline.com/",
      "azure-kv://payments?cloud=china|https://payments.vault.azure.cn|https://login.chinacloudapi.cn/",
      "azure-kv://payments?cloud=usgov|https://payments.vault.usgovcloudapi.net|https://login.microsoftonline.us/",
      "azure-kv:https://payments.vault.azure.cn|https://payments.vault.azure.cn|https://login.chinacloudapi.cn/",
      "azure-kv:https://payments.vault.usgovcloudapi.net?cloud=USGOV|https://payments.vault.usgovcloudapi.net"
          + "|https://login.microsoftonline.us/",
      "azure-kv://payments?cloud=china&authorityHost=https://login.partner.example:8443/tenants|"
          + "https://payments.vault.azure.cn|https://login.partner.example:8443/tenants/",
      "azure-kv:https://127.0.0.1:8443|https://127.0.0.1:8443|-"})
  void cloud_namesTheVaultDomainAndTheSignInHost(String uri, String vaultUrl, String authorityHost) {
    KeyVaultSettings s = parse(uri);
    assertThat(s.vaultUrl()).isEqualTo(vaultUrl);
    assertThat(s.identity().authorityHost()).isEqualTo(authorityHost);
  }

  @Test
  void workloadIdentityParameters_areKept_andTheIdShowsTheTokenFilesPath() {
    KeyVaultSettings s = parse("azure-kv://payments?clientId=" + CLIENT + "&tenantId=" + CLIENT.toUpperCase()
        + "&tokenFile=/var/run/secrets/azure/tokens/azure-identity-token");
    assertThat(s.identity().clientId()).isEqualTo(CLIENT);
    assertThat(s.identity().tenantId()).isEqualTo(CLIENT.toUpperCase());
    assertThat(s.identity().tokenFile()).isEqualTo("/var/run/secrets/azure/tokens/azure-identity-token");
    assertThat(s.identity().given()).containsExactly("tenantId", "clientId", "tokenFile");
    assertThat(s.id()).contains("tokenFile=/var/run/secrets/azure/tokens/azure-identity-token");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "azure-kv://payments?cloud=mars|parameter 'cloud' value 'mars' is not one of [public, china, usgov]",
      "azure-kv:https://payments.vault.azure.net?cloud=china|is not under vault.azure.cn, the vault domain of cloud=china",
      "azure-kv:https://127.0.0.1:8443?cloud=public|is not under vault.azure.net, the vault domain of cloud=public",
      "azure-kv://payments?authorityHost=http://login.microsoftonline.com/|parameter 'authorityHost' value"
          + " 'http://login.microsoftonline.com/' is not an https URL of a sign-in host",
      "azure-kv://payments?authorityHost=login.microsoftonline.com|parameter 'authorityHost' value"
          + " 'login.microsoftonline.com' is not an https URL",
      "azure-kv://payments?authorityHost=https://login.example/?x=1|is not an https URL",
      "azure-kv://payments?clientId=my-app|parameter 'clientId' value 'my-app' is not a client id (a GUID",
      "azure-kv://payments?managedIdentityClientId=12|parameter 'managedIdentityClientId' value '12' is not a managed",
      "azure-kv://payments?tenantId=contoso_tenant|parameter 'tenantId' value 'contoso_tenant' is not a tenant id",
      "azure-kv://payments?tokenFile=%20|parameter 'tokenFile' value ' ' is not a file path",
      "azure-kv://payments?clientid=x|unknown parameter 'clientid'"})
  void malformedIdentityOrCloud_isAConfigurationError_namingTheParameterAndTheValidForms(String uri,
      String expected) {
    assertThatThrownBy(() -> parse(uri))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "azure-kv://ab|invalid vault name 'ab'",
      "azure-kv://pay_ments|invalid vault name 'pay_ments'",
      "azure-kv://pay--ments|invalid vault name",
      "azure-kv://1payments|invalid vault name",
      "azure-kv://payments.vault.azure.net|azure-kv:https://payments.vault.azure.net",
      "azure-kv://payments/prod|has a path '/prod'",
      "azure-kv:http://127.0.0.1:8080|must name an https vault URL",
      "azure-kv:https://127.0.0.1:8443/secrets|has a path '/secrets'",
      "azure-kv:payments|must name an https vault URL",
      "azure-kv://payments?prefix=prod/|unknown parameter 'prefix'",
      "azure-kv://payments?retries=9|parameter 'retries' value '9' is outside 0 to 5",
      "azure-kv://payments?retries=two|parameter 'retries' value 'two' is not an integer",
      "azure-kv://payments?timeout=soon|parameter 'timeout' value 'soon' is not a duration (500ms",
      "azure-kv://payments?timeout=0|parameter 'timeout' value '0' is outside",
      "azure-kv://payments?deadline=2h|parameter 'deadline' value '2h' is outside",
      "azure-kv://payments?expiryWarning=-1d|parameter 'expiryWarning' value '-1d' is not a duration",
      "azure-kv://payments?tenantId=|parameter 'tenantId' value '' is not a tenant id",
      "azure-kv://payments?verifyChallengeResource=maybe|parameter 'verifyChallengeResource' value 'maybe' is not true or false",
      "aws-sm://us-east-1|is not an azure-kv URI"})
  void malformedUri_isAConfigurationError_sayingWhatIsWrong(String uri, String expected) {
    assertThatThrownBy(() -> parse(uri))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void provider_isFoundByItsScheme_andCreatesTheDetectedEnvironmentsVaultWithoutCallingIt() {
    assertThat(ServiceLoader.load(SecretSourceProvider.class, getClass().getClassLoader()).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.schemes().contains("azure-kv")))
        .singleElement().isInstanceOf(AzureKeyVaultProvider.class);
    try (Secrets secrets = Secrets.builder().environment("staging")
        .source("staging", "azure-kv://payments-{env}")
        .source("production", "azure-kv://payments-{env}")
        .build()) {
      assertThat(secrets.sourceId()).isEqualTo("azure-kv://payments-staging");
    }
  }

  @Test
  void identityParameters_withAnInjectedCredential_areAConfigurationError_namingThem() {
    assertThatThrownBy(() -> AzureSecretSources.fromUri("azure-kv://payments?tenantId=contoso.onmicrosoft.com"
        + "&tokenFile=/var/run/token", TestCredential.valid()))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("sets tenantId, tokenFile, which configure the credential the source builds");
    assertThat(AzureSecretSources.fromUri("azure-kv://payments?cloud=china", TestCredential.valid()).id())
        .as("the cloud names the vault's domain too, so it goes with any credential")
        .isEqualTo("azure-kv://payments?cloud=china");
  }

  @Test
  void uriWithUnexpandedEnv_isRefusedByTheFactory() {
    assertThatThrownBy(() -> AzureSecretSources.fromUri("azure-kv://payments-{env}", TestCredential.valid()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{env}");
  }
}
