package dev.secrets4j.azure.internal;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.security.keyvault.secrets.SecretAsyncClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The store calls a source makes, each one SDK operation. They throw what the SDK throws; the source maps it.
 */
interface VaultCalls {
  /** The request-context key the SDK's HTTP clients read as the per-try response timeout. */
  String RESPONSE_TIMEOUT_KEY = "azure-response-timeout";

  /** One version ({@code ""} for the latest), with its value. */
  KeyVaultSecret get(String vaultName, String version);

  /** Every version's properties (no values), all pages. */
  List<SecretProperties> versions(String vaultName);

  /** A soft-deleted secret: its recovery id, deletion and scheduled purge dates (no value). */
  DeletedSecret deleted(String vaultName);

  /** Every secret's properties (Get Secrets: no values, no version ids), all pages of 25. */
  List<SecretProperties> secrets();

  /** The vault's URL. */
  String vaultUrl();

  /**
   * Through the asynchronous client, so that each call has a hard deadline: when it passes, the call (the HTTP
   * exchange in flight, a retry wait, a token request) is cancelled and {@link DeadlineExceeded} thrown.
   */
  final class Bounded implements VaultCalls {
    private final SecretAsyncClient client;
    private final Duration tryTimeout;
    private final Duration deadline;

    Bounded(SecretAsyncClient client, Duration tryTimeout, Duration deadline) {
      this.client = client;
      this.tryTimeout = tryTimeout;
      this.deadline = deadline;
    }

    @Override
    public KeyVaultSecret get(String vaultName, String version) {
      return bounded(client.getSecretWithResponse(vaultName, version).map(Response::getValue));
    }

    @Override
    public List<SecretProperties> versions(String vaultName) {
      return bounded(client.listPropertiesOfSecretVersions(vaultName).collectList());
    }

    @Override
    public DeletedSecret deleted(String vaultName) {
      return bounded(client.getDeletedSecretWithResponse(vaultName).map(Response::getValue));
    }

    @Override
    public List<SecretProperties> secrets() {
      return bounded(client.listPropertiesOfSecrets().collectList());
    }

    @Override
    public String vaultUrl() {
      return client.getVaultUrl();
    }

    private <T> T bounded(Mono<T> call) {
      return call
          .contextWrite(c -> c.put(RESPONSE_TIMEOUT_KEY, tryTimeout))
          .timeout(deadline, Mono.error(() -> new DeadlineExceeded(deadline)))
          .block();
    }
  }

  /** Through an application's own synchronous client, as it is configured. */
  final class Plain implements VaultCalls {
    private final SecretClient client;

    Plain(SecretClient client) {
      this.client = client;
    }

    @Override
    public KeyVaultSecret get(String vaultName, String version) {
      return client.getSecretWithResponse(vaultName, version, Context.NONE).getValue();
    }

    @Override
    public List<SecretProperties> versions(String vaultName) {
      List<SecretProperties> out = new ArrayList<>();
      client.listPropertiesOfSecretVersions(vaultName, Context.NONE).forEach(out::add);
      return out;
    }

    @Override
    public DeletedSecret deleted(String vaultName) {
      return client.getDeletedSecretWithResponse(vaultName, Context.NONE).getValue();
    }

    @Override
    public List<SecretProperties> secrets() {
      List<SecretProperties> out = new ArrayList<>();
      client.listPropertiesOfSecrets(Context.NONE).forEach(out::add);
      return out;
    }

    @Override
    public String vaultUrl() {
      return client.getVaultUrl();
    }
  }

  /** A store call outlived its deadline and was cancelled. */
  final class DeadlineExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeadlineExceeded(Duration deadline) {
      super("no result within the deadline of " + deadline + " (deadline)");
    }
  }
}
