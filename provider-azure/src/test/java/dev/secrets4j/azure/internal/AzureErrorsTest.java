package dev.secrets4j.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.Configuration;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.azure.Fault;
import dev.secrets4j.test.azure.LocalKeyVault;
import dev.secrets4j.test.azure.LocalTokenEndpoint;
import dev.secrets4j.test.azure.TestCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's error table, row by row: each store condition made real against the local vault (and the local token
 * endpoint) through the official SDK, and the kind and message the source gives for it.
 */
class AzureErrorsTest {
  private LocalKeyVault vault;
  private SecretClient writer;
  @TempDir
  Path dir;

  @BeforeEach
  void startVault() {
    vault = LocalKeyVault.start();
    writer = vault.newClient();
  }

  @AfterEach
  void stopVault() {
    vault.close();
  }

  private KeyVaultSecretSource source(String params) {
    return source(params, TestCredential.valid());
  }

  private KeyVaultSecretSource source(String params, TokenCredential credential) {
    return TestSources.source(vault.sourceUri(params), credential);
  }

  private static SecretSourceException failure(ThrowingCallable call) {
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class, call);
    assertThat(e).as("a SecretSourceException").isNotNull();
    return e;
  }

  private static List<String> messages(Throwable e) {
    List<String> out = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.add(String.valueOf(t.getMessage()));
    }
    return out;
  }

  private static String canary() {
    return "canary-" + UUID.randomUUID().toString().replace("-", "");
  }

  /** A workload identity credential as the provider builds one, reading {@code assertion} from a token file. */
  private TokenCredential workloadIdentity(String assertion) throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), assertion);
    return new WorkloadIdentityCredentialBuilder().clientId("app-client").tenantId(LocalKeyVault.TENANT)
        .tokenFilePath(tokenFile.toString()).httpClient(LocalKeyVault.httpClient())
        .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO))).build();
  }

  // ------------------------------------------------------------------ not found

  @Test
  void missingSecret_isNotFound_namingTheLogicalAndTheVaultName() {
    KeyVaultSecretSource src = source("");
    SecretSourceException e = failure(() -> src.fetch("no.such", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("'no.such'", "'no-such'", src.id(), "404", "SecretNotFound");
  }

  @Test
  void softDeletedSecret_withoutTheCheck_isNotFound_sayingItMayBeSoftDeleted_withTheCommands() throws Exception {
    writer.setSecret("old-key", "v");
    vault.delete("old-key");
    SecretSourceException e = failure(() -> source("").fetch("old-key", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("'old-key'", "may be soft-deleted", "az keyvault secret show-deleted"
        + " --vault-name " + vault.vaultName() + " --name old-key", "az keyvault secret recover --vault-name "
        + vault.vaultName() + " --name old-key", "checkDeleted=true");
    assertThat(vault.calls("GetDeletedSecret")).isZero();
  }

  @Test
  void softDeletedSecret_withTheCheck_isNotFound_sayingItIsSoftDeletedAndRecoverable() throws Exception {
    writer.setSecret("old-key", "v");
    vault.delete("old-key");
    KeyVaultSecretSource src = source("checkDeleted=true");
    for (ThrowingCallable path : List.<ThrowingCallable>of(() -> src.fetch("old-key", VersionSelector.CURRENT),
        () -> src.fetch("old-key", VersionSelector.PREVIOUS), () -> src.metadata("old-key"))) {
      SecretSourceException e = failure(path);
      assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
      assertThat(e.getMessage()).contains("'old-key'", "is soft-deleted", "purge scheduled", "recoverable",
          "az keyvault secret recover --vault-name " + vault.vaultName() + " --name old-key");
    }
    assertThat(vault.calls("GetDeletedSecret")).isEqualTo(3);
  }

  @Test
  void missingSecret_withTheCheck_isNotFound_sayingItIsNotAmongTheDeletedEither() {
    SecretSourceException e = failure(() -> source("checkDeleted=true").fetch("never-was", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("'never-was'", "not among the vault's deleted secrets");
  }

  @Test
  void softDeletedSecret_whenTheIdentityMayNotReadDeletedSecrets_isNotFound_sayingItMayBeSoftDeleted() throws Exception {
    writer.setSecret("old-key", "v");
    vault.delete("old-key");
    vault.inject(Fault.accessDenied().on("GetDeletedSecret"));
    SecretSourceException e = failure(() -> source("checkDeleted=true").fetch("old-key", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("may be soft-deleted", "HTTP 403", "may not get deleted secrets",
        "az keyvault secret recover");
  }

  @Test
  void missingVersion_isNotFound_namingTheVersion() throws Exception {
    writer.setSecret("by-id", "v");
    SecretSourceException e = failure(() -> source("").fetch("by-id",
        VersionSelector.id("0123456789abcdef0123456789abcdef")));
    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("'by-id'", "version 0123456789abcdef0123456789abcdef", "404");
  }

  // ------------------------------------------------------------------ disabled

  @Test
  void disabledCurrentVersion_isPermanent_fromEveryReadPath_sayingItIsDisabledAndHowToEnableIt() throws Exception {
    KeyVaultSecret s = writer.setSecret("switched-off", "v");
    writer.updateSecretProperties(s.getProperties().setEnabled(false));
    KeyVaultSecretSource src = source("");
    for (ThrowingCallable path : List.<ThrowingCallable>of(() -> src.fetch("switched-off", VersionSelector.CURRENT),
        () -> src.fetch("switched-off", VersionSelector.id(s.getProperties().getVersion())),
        () -> src.metadata("switched-off"))) {
      SecretSourceException e = failure(path);
      assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
      assertThat(e.getMessage()).contains("'switched-off'", "is disabled", "SecretDisabled",
          "az keyvault secret set-attributes --enabled true");
    }
    assertThat(src.currentVersionId("switched-off")).as("no cheap check that could answer the old id").isEmpty();
    assertThat(src.fetchAll(List.of("switched-off"))).as("left out, so it is fetched alone").isEmpty();
  }

  // ------------------------------------------------------------------ access

  @Test
  void unacceptedToken_isAccessDenied() {
    vault.acceptToken("a-token-for-another-tenant");
    SecretSourceException e = failure(() -> source("").fetch("any", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("'any'", "401", "refused the access token");
  }

  @Test
  void forbidden_isAccessDenied_withAPermissionHint() throws Exception {
    writer.setSecret("locked", "v");
    vault.denyAll(true);
    SecretSourceException e = failure(() -> source("").fetch("locked", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("'locked'", "403", "Key Vault Secrets User");
  }

  @Test
  void credentialWithoutAToken_isAccessDenied_sayingWhy_andSendsNoAuthenticatedRequest() {
    SecretSourceException e = failure(() -> source("", TestCredential.unavailable()).fetch("any", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("Environment variables are not fully configured", "configure a credential");
    assertThat(vault.requests()).noneMatch(r -> r.authenticated());
  }

  @Test
  void hangingCredential_isTransient_afterTheTokenTimeout() {
    SecretSourceException e = failure(() -> source("tokenTimeout=200ms", TestCredential.hanging())
        .fetch("any", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("tokenTimeout", "PT0.2S");
  }

  @Test
  void identityRefusedByEntra_isAccessDenied_withEntrasAnswer() throws Exception {
    try (LocalTokenEndpoint entra = LocalTokenEndpoint.start()) {
      entra.acceptAssertion("the-federated-credentials-subject");
      SecretSourceException e = failure(() -> source("", workloadIdentity("another-subject"))
          .fetch("any", VersionSelector.CURRENT));
      assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
      assertThat(e.getMessage()).contains("'any'", "Microsoft Entra ID answered HTTP 401 invalid_client",
          "AADSTS700213", "federated credential");
    }
  }

  @Test
  void refusingCredential_isAccessDenied() {
    SecretSourceException e = failure(() -> source("", TestCredential.refused()).fetch("any", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("AADSTS7000215", "check the credential");
  }

  @Test
  void unreadableTokenFile_isAccessDenied_namingThePath() {
    TokenCredential missing = new WorkloadIdentityCredentialBuilder().clientId("app-client")
        .tenantId(LocalKeyVault.TENANT).tokenFilePath(dir.resolve("no-such-token").toString())
        .httpClient(LocalKeyVault.httpClient()).build();
    SecretSourceException e = failure(() -> source("", missing).fetch("any", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("federated token file cannot be read", "NoSuchFileException",
        dir.resolve("no-such-token").toString(), "AZURE_FEDERATED_TOKEN_FILE");
  }

  // ------------------------------------------------------------------ transient

  @Test
  void entraOutage_isTransient_notAccessDenied() throws Exception {
    try (LocalTokenEndpoint entra = LocalTokenEndpoint.start()) {
      entra.answerStatus(503);
      SecretSourceException e = failure(() -> source("", workloadIdentity("assertion"))
          .fetch("any", VersionSelector.CURRENT));
      assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
      assertThat(e.getMessage()).contains("Microsoft Entra ID answered HTTP 503 temporarily_unavailable",
          "unavailable, try again later");
    }
  }

  @Test
  void identityEndpointUnreachable_isTransient() throws Exception {
    // no token endpoint is listening: the sign-in host cannot be reached
    SecretSourceException e = failure(() -> source("", workloadIdentity("assertion"))
        .fetch("any", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("identity endpoint could not be reached");
  }

  @Test
  void identityServiceUnavailable_andUnreachable_fromTheTestCredential_areTransient() {
    for (TestCredential c : List.of(TestCredential.serviceUnavailable(), TestCredential.endpointUnreachable())) {
      SecretSourceException e = failure(() -> source("", c).fetch("any", VersionSelector.CURRENT));
      assertThat(e.kind()).as(c.toString()).isEqualTo(Kind.TRANSIENT);
    }
  }

  @Test
  void throttling_withRetryAfterWithinMaxRetryWait_isWaitedOut_andTheReadSucceeds() throws Exception {
    writer.setSecret("busy", "v");
    vault.inject(Fault.throttling(1).times(1));
    SecretVersion v = source("retries=1&maxRetryWait=2s").fetch("busy", VersionSelector.CURRENT);
    assertThat(v.valueAsString()).isEqualTo("v");
    assertThat(vault.requests()).filteredOn(r -> r.method().equals("GET") && r.authenticated())
        .extracting(r -> r.status()).containsExactly(429, 200);
  }

  @Test
  void throttling_withRetryAfterBeyondMaxRetryWait_isNotWaitedOut_butTransientAtOnce() throws Exception {
    writer.setSecret("busy", "v");
    vault.inject(Fault.throttling(30));
    SecretSourceException e = failure(() -> source("retries=2&maxRetryWait=1s").fetch("busy", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("'busy'", "429", "throttling", "retry after 30000 ms");
    assertThat(e.retryAfter()).as("handed to the resolver's backoff").contains(java.time.Duration.ofSeconds(30));
    assertThat(vault.requests()).filteredOn(r -> r.fault() != null).hasSize(1);
  }

  @Test
  void serverErrors_areRetriedUpToRetries_thenTransient() throws Exception {
    writer.setSecret("flaky", "v");
    vault.inject(Fault.status(503));
    SecretSourceException e = failure(() -> source("retries=2&maxRetryWait=50ms").fetch("flaky", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("'flaky'", "503", "ServiceUnavailable");
    assertThat(vault.requests()).filteredOn(r -> r.fault() != null).hasSize(3);
  }

  @Test
  void serverErrorThatClears_isRetried_andTheReadSucceeds() throws Exception {
    writer.setSecret("flaky", "v");
    vault.inject(Fault.status(500).times(1));
    assertThat(source("retries=1&maxRetryWait=50ms").fetch("flaky", VersionSelector.CURRENT).valueAsString())
        .isEqualTo("v");
  }

  @Test
  void slowAnswer_beyondTheTimeout_isTransient() throws Exception {
    writer.setSecret("slow", "v");
    vault.inject(Fault.delay(Duration.ofSeconds(30)));
    SecretSourceException e = failure(() -> source("timeout=1s&retries=0").fetch("slow", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("'slow'", "no answer from the vault");
  }

  @Test
  void deadline_endsTheWholeCall_beforeTheTriesWouldHaveEnded() throws Exception {
    writer.setSecret("stuck", "v");
    vault.inject(Fault.delay(Duration.ofSeconds(30)));
    SecretSourceException e = failure(() -> source("timeout=20s&retries=3&deadline=1s")
        .fetch("stuck", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("'stuck'", "deadline of PT1S");
    assertThat(vault.requests()).filteredOn(r -> r.fault() != null).hasSize(1);
  }

  @Test
  void droppedConnection_isTransient() throws Exception {
    writer.setSecret("dropped", "v");
    vault.inject(Fault.dropConnection());
    SecretSourceException e = failure(() -> source("retries=0").fetch("dropped", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("'dropped'", "no answer from the vault");
  }

  // ------------------------------------------------------------------ permanent: wrong endpoint, wrong vault

  @Test
  void untrustedCertificate_isPermanent_withAVaultUrlAndTrustStoreHint_andIsNotRetried() throws Exception {
    java.net.http.HttpClient.Builder untrusting = LocalKeyVault.jdkHttpClientBuilder().sslContext(SSLContext.getDefault());
    KeyVaultSettings s = KeyVaultSettings.parse(dev.secrets4j.spi.SourceUri.parse(vault.sourceUri("retries=2"),
        dev.secrets4j.Environment.DEVELOPMENT));
    KeyVaultSecretSource src = KeyVaultSources.create(s, TestCredential.valid(),
        KeyVaultSources.httpClient(s.timeout(), untrusting, Configuration.NONE), Configuration.NONE,
        java.time.Clock.systemUTC(), w -> { });
    SecretSourceException e = failure(() -> src.fetch("any", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("'any'", "TLS certificate is not accepted", "check the vault URL",
        "javax.net.ssl.trustStore");
    javax.net.ssl.SSLHandshakeException pkix = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
    pkix.initCause(new java.security.cert.CertificateException("unable to find valid certification path"));
    assertThat(BoundedRetryStrategy.isIoFailure(pkix)).as("an untrusted certificate is not retried").isFalse();
    assertThat(BoundedRetryStrategy.isIoFailure(new javax.net.ssl.SSLHandshakeException(
        "Remote host terminated the handshake"))).as("a dropped handshake is").isTrue();
  }

  @Test
  void untrustedCertificateOfTheIdentityEndpoint_isPermanent() throws Exception {
    try (LocalTokenEndpoint entra = LocalTokenEndpoint.start()) {
      Path tokenFile = Files.writeString(dir.resolve("token"), "assertion");
      TokenCredential untrusting = new WorkloadIdentityCredentialBuilder().clientId("app-client")
          .tenantId(LocalKeyVault.TENANT).tokenFilePath(tokenFile.toString())
          .httpClient(new JdkHttpClientBuilder(LocalKeyVault.jdkHttpClientBuilder().sslContext(SSLContext.getDefault()))
              .configuration(Configuration.NONE).build())
          .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO))).build();
      SecretSourceException e = failure(() -> source("", untrusting).fetch("any", VersionSelector.CURRENT));
      assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
      assertThat(e.getMessage()).contains("identity endpoint's TLS certificate is not accepted", "trust store");
      assertThat(entra.grants()).isEmpty();
    }
  }

  @Test
  void challengeForAnotherDomain_isPermanent_sayingToCheckTheVaultUrl() throws Exception {
    writer.setSecret("any", "v");
    // the loopback address is not under vault.azure.net, whose resource the challenge names
    String uri = "azure-kv:" + vault.endpoint();
    SecretSourceException e = failure(() -> TestSources.source(uri, TestCredential.valid())
        .fetch("any", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("'any'", "bearer challenge names a resource outside the vault's domain",
        "https://vault.azure.net", "verifyChallengeResource=false");
  }

  @Test
  void apiVersionTheVaultDoesNotSpeak_isPermanent_namingTheCause() throws Exception {
    writer.setSecret("any", "v");
    vault.apiVersions("2016-10-01", "7.1");
    SecretSourceException e = failure(() -> source("retries=2").fetch("any", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("'any'", "does not speak this SDK's API version", "not recognized",
        "Azure Stack Hub");
  }

  @Test
  void badRequest_isPermanent_andNotRetried() throws Exception {
    writer.setSecret("odd", "v");
    vault.inject(Fault.status(400));
    SecretSourceException e = failure(() -> source("retries=2").fetch("odd", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("'odd'", "400", "BadParameter");
    assertThat(vault.requests()).filteredOn(r -> r.fault() != null).hasSize(1);
  }

  @Test
  void errorMessages_neverCarryTheValue() throws Exception {
    String value = canary();
    writer.setSecret("guarded", value);
    writer.setSecret("guarded", value + "-2");
    KeyVaultSecretSource src = source("retries=0");
    List<Throwable> errors = new ArrayList<>();
    errors.add(catchThrowableOfType(SecretSourceException.class,
        () -> src.fetch("guarded", VersionSelector.id("0123456789abcdef0123456789abcdef"))));
    vault.inject(Fault.status(503));
    errors.add(catchThrowableOfType(SecretSourceException.class, () -> src.fetch("guarded", VersionSelector.CURRENT)));
    vault.clearFaults().denyAll(true);
    errors.add(catchThrowableOfType(SecretSourceException.class, () -> src.fetch("guarded", VersionSelector.PREVIOUS)));
    assertThat(errors).doesNotContainNull();
    assertThat(errors).flatExtracting(AzureErrorsTest::messages)
        .allSatisfy(m -> assertThat(m).doesNotContain(value));
    assertThat(src.toString()).doesNotContain(value);
  }

}
