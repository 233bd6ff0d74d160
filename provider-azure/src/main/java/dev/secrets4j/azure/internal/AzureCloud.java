package dev.secrets4j.azure.internal;

import com.azure.identity.AzureAuthorityHosts;
import java.util.Locale;

/**
 * The Azure clouds a vault can live in ({@code cloud=public|china|usgov}): each with its vault DNS suffix and its
 * Microsoft Entra ID sign-in host (azure-identity's {@link AzureAuthorityHosts}).
 */
enum AzureCloud {
  PUBLIC("vault.azure.net", AzureAuthorityHosts.AZURE_PUBLIC_CLOUD),
  CHINA("vault.azure.cn", AzureAuthorityHosts.AZURE_CHINA),
  USGOV("vault.usgovcloudapi.net", AzureAuthorityHosts.AZURE_GOVERNMENT);

  private final String vaultSuffix;
  private final String authorityHost;

  AzureCloud(String vaultSuffix, String authorityHost) {
    this.vaultSuffix = vaultSuffix;
    this.authorityHost = authorityHost;
  }

  /** {@code vault.azure.net}, ...: a vault {@code NAME} is {@code https://NAME.} this. */
  String vaultSuffix() {
    return vaultSuffix;
  }

  /** {@code https://login.microsoftonline.com/}, ...: where tokens for this cloud's vaults come from. */
  String authorityHost() {
    return authorityHost;
  }

  /** The parameter value that names this cloud: {@code public}, {@code china}, {@code usgov}. */
  String parameterValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The cloud whose vault domain {@code host} is under, or null for another host (an emulator, a test server). */
  static AzureCloud ofVaultHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    for (AzureCloud c : values()) {
      if (h.endsWith("." + c.vaultSuffix)) {
        return c;
      }
    }
    return null;
  }
}
