package dev.secrets4j.azure.internal;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.net.URI;
import java.util.Locale;

/**
 * Explains a secret's {@code 404}: Key Vault answers the same for a secret that never existed and for one that was
 * deleted and is recoverable (soft delete is on for every vault), so the message says which when the source may ask
 * {@code GET /deletedsecrets/{name}} ({@code checkDeleted=true}: the identity needs {@code get} on deleted secrets),
 * and that it may be soft-deleted otherwise, with the {@code az} commands to look and to recover. The kind stays
 * {@code NOT_FOUND}: the secret cannot be read until someone recovers it.
 */
final class SoftDeletes {
  private final VaultCalls calls;
  private final boolean check;
  private final String sourceId;

  SoftDeletes(VaultCalls calls, boolean check, String sourceId) {
    this.calls = calls;
    this.check = check;
    this.sourceId = sourceId;
  }

  SecretSourceException explain(SecretSourceException notFound, String name, String vaultName) {
    if (!check) {
      return with(notFound, "; if it was deleted it may be soft-deleted and recoverable (" + lookCommand(vaultName)
          + "; " + recoverCommand(vaultName) + "); " + KeyVaultSettings.CHECK_DELETED + "=true has the source check,"
          + " if the identity may get deleted secrets");
    }
    DeletedSecret deleted;
    try {
      deleted = calls.deleted(vaultName);
    } catch (HttpResponseException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
      if (status == 404) {
        return with(notFound, "; it is not among the vault's deleted secrets either");
      }
      return with(notFound, "; it may be soft-deleted: the check was answered HTTP " + status + (status == 403
          ? " (the identity may not get deleted secrets: grant it get on deleted secrets, or set "
              + KeyVaultSettings.CHECK_DELETED + "=false)" : "") + "; " + recoverCommand(vaultName));
    } catch (RuntimeException e) {
      return with(notFound, "; it may be soft-deleted (the check failed: " + Causes.describe(e) + "); "
          + recoverCommand(vaultName));
    }
    if (deleted == null) {
      return with(notFound, "; it is not among the vault's deleted secrets either");
    }
    return new SecretSourceException(Kind.NOT_FOUND, AzureErrors.subject(name, vaultName) + " in " + sourceId
        + " is soft-deleted (deleted " + deleted.getDeletedOn() + ", purge scheduled "
        + deleted.getScheduledPurgeDate() + ") and recoverable: " + recoverCommand(vaultName) + "; or purge it (az"
        + " keyvault secret purge) before setting it anew", notFound);
  }

  private static SecretSourceException with(SecretSourceException e, String more) {
    return new SecretSourceException(e.kind(), e.getMessage() + more, e.getCause(), e.retryAfter().orElse(null));
  }

  private String lookCommand(String vaultName) {
    String vault = vaultFlag();
    return vault.startsWith("--id") ? "az keyvault secret show-deleted --id " + vaultUrl() + "/deletedsecrets/"
        + vaultName : "az keyvault secret show-deleted " + vault + " --name " + vaultName;
  }

  private String recoverCommand(String vaultName) {
    String vault = vaultFlag();
    return vault.startsWith("--id") ? "az keyvault secret recover --id " + vaultUrl() + "/deletedsecrets/"
        + vaultName : "az keyvault secret recover " + vault + " --name " + vaultName;
  }

  /** {@code --vault-name NAME} for a vault under a cloud's vault domain, {@code --id} for other hosts. */
  private String vaultFlag() {
    String host = URI.create(vaultUrl()).getHost().toLowerCase(Locale.ROOT);
    for (String suffix : new String[] {".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net"}) {
      if (host.endsWith(suffix)) {
        return "--vault-name " + host.substring(0, host.length() - suffix.length());
      }
    }
    return "--id";
  }

  private String vaultUrl() {
    return calls.vaultUrl();
  }
}
