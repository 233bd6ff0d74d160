package dev.secrets4j.azure.internal;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Configuration;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import dev.secrets4j.SecretConfigurationException;

/**
 * The credential a configured source builds for itself, through azure-identity, over the source's HTTP client and
 * with its bounded retries: a workload identity when the URI names a token file ({@code tokenFile}), else
 * {@code DefaultAzureCredential} (environment, workload identity from {@code AZURE_FEDERATED_TOKEN_FILE}, managed
 * identity, developer logins). Both read what the URI leaves out from {@code configuration}: azure-identity's own
 * view of the environment ({@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}, {@code AZURE_FEDERATED_TOKEN_FILE},
 * {@code AZURE_AUTHORITY_HOST}); the process environment is never changed. Building one makes no network call.
 */
final class Credentials {
  private Credentials() {}

  /**
   * @throws SecretConfigurationException when a workload identity lacks its client id or tenant in both the URI and
   *     the environment
   */
  static TokenCredential build(KeyVaultSettings settings, HttpClient http, Configuration configuration) {
    IdentitySettings id = settings.identity();
    RetryPolicy retry = new RetryPolicy(new BoundedRetryStrategy(settings.retries(), settings.maxRetryWait()));
    if (id.tokenFile() != null) {
      WorkloadIdentityCredentialBuilder b = new WorkloadIdentityCredentialBuilder()
          .clientId(required(settings, id.clientId(), IdentitySettings.CLIENT_ID, Configuration.PROPERTY_AZURE_CLIENT_ID,
              configuration))
          .tenantId(required(settings, id.tenantId(), IdentitySettings.TENANT_ID,
              Configuration.PROPERTY_AZURE_TENANT_ID, configuration))
          .tokenFilePath(id.tokenFile())
          .httpClient(http)
          .retryPolicy(retry)
          .configuration(configuration);
      if (id.authorityHost() != null) {
        b.authorityHost(id.authorityHost());
      }
      return b.build();
    }
    DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder()
        .httpClient(http)
        .retryPolicy(retry)
        .configuration(configuration)
        .credentialProcessTimeout(settings.tokenTimeout());
    if (id.authorityHost() != null) {
      b.authorityHost(id.authorityHost());
    }
    if (id.tenantId() != null) {
      b.tenantId(id.tenantId());
    }
    if (id.clientId() != null) {
      b.workloadIdentityClientId(id.clientId());
    }
    if (id.managedIdentityClientId() != null) {
      b.managedIdentityClientId(id.managedIdentityClientId());
    }
    return b.build();
  }

  private static String required(KeyVaultSettings settings, String fromUri, String parameter, String variable,
      Configuration configuration) {
    String v = fromUri != null ? fromUri : configuration.get(variable);
    if (v == null || v.isBlank()) {
      throw new SecretConfigurationException("source URI '" + settings.id() + "' sets " + IdentitySettings.TOKEN_FILE
          + " (a workload identity) but no " + parameter + ": set " + parameter + "= in the URI, or " + variable
          + " in the environment (the AKS workload identity webhook sets it when the pod's service account is"
          + " annotated with azure.workload.identity/client-id)");
    }
    return v.trim();
  }
}
