package dev.secrets4j.azure.internal;

import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.spi.SourceUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a configured source gets its access token, from the URI: the Microsoft Entra ID authority host (the cloud's,
 * or {@code authorityHost=}), and the identity ({@code tenantId}, {@code clientId}, {@code tokenFile} for a workload
 * identity, {@code managedIdentityClientId} for a user-assigned managed identity). What the URI leaves out comes
 * from the environment ({@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}, {@code AZURE_FEDERATED_TOKEN_FILE},
 * {@code AZURE_AUTHORITY_HOST}) through azure-identity's configuration. Only the path of a token file is kept,
 * never its contents.
 *
 * @param authorityHost {@code https://host[/path]/}: the explicit one, else the vault's cloud's; null when neither
 *     is known (azure-identity's default then applies)
 * @param tenantId the tenant, or null
 * @param clientId the workload identity's (application's) client id, or null
 * @param tokenFile the federated token file's path, or null
 * @param managedIdentityClientId the user-assigned managed identity's client id, or null
 * @param given the identity parameters the URI sets, in the order of {@link #PARAMS}
 */
record IdentitySettings(String authorityHost, String tenantId, String clientId, String tokenFile,
    String managedIdentityClientId, List<String> given) {

  static final String AUTHORITY_HOST = "authorityHost";
  static final String TENANT_ID = "tenantId";
  static final String CLIENT_ID = "clientId";
  static final String TOKEN_FILE = "tokenFile";
  static final String MANAGED_IDENTITY_CLIENT_ID = "managedIdentityClientId";

  /** The identity parameters of an {@code azure-kv} URI. */
  static final List<String> PARAMS = List.of(AUTHORITY_HOST, TENANT_ID, CLIENT_ID, TOKEN_FILE,
      MANAGED_IDENTITY_CLIENT_ID);

  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,255}");
  private static final String GUID_EXAMPLE = "such as 2b6f1c9e-51a4-4c7e-9d3b-8f0a6e2d4c17";

  /**
   * The identity settings of {@code uri}, whose vault is in {@code cloud} (null when its host is under no cloud's
   * vault domain).
   *
   * @throws SecretConfigurationException naming the parameter, its value and the valid forms
   */
  static IdentitySettings parse(SourceUri uri, AzureCloud cloud) {
    Set<String> given = new LinkedHashSet<>();
    for (String p : PARAMS) {
      if (uri.param(p).isPresent()) {
        given.add(p);
      }
    }
    String explicitHost = uri.param(AUTHORITY_HOST).map(v -> authorityHost(uri, v)).orElse(null);
    return new IdentitySettings(explicitHost != null ? explicitHost : cloud == null ? null : cloud.authorityHost(),
        matching(uri, TENANT_ID, TENANT, "a tenant id (a GUID " + GUID_EXAMPLE + ") or domain (contoso.onmicrosoft.com)"),
        matching(uri, CLIENT_ID, GUID, "a client id (a GUID " + GUID_EXAMPLE + ")"),
        tokenFile(uri),
        matching(uri, MANAGED_IDENTITY_CLIENT_ID, GUID, "a managed identity's client id (a GUID " + GUID_EXAMPLE + ")"),
        List.copyOf(given));
  }

  /** Whether the URI names the credential the source builds (with an injected credential, that is an error). */
  boolean configuresCredential() {
    return !given.isEmpty();
  }

  private static String matching(SourceUri uri, String name, Pattern valid, String expected) {
    String v = uri.param(name).map(String::trim).orElse(null);
    if (v != null && !valid.matcher(v).matches()) {
      throw bad(uri, name, v, "is not " + expected);
    }
    return v;
  }

  private static String tokenFile(SourceUri uri) {
    String v = uri.param(TOKEN_FILE).orElse(null);
    if (v != null && (v.isBlank() || v.chars().anyMatch(Character::isISOControl))) {
      throw bad(uri, TOKEN_FILE, v, "is not a file path (the projected service account token, such as"
          + " /var/run/secrets/azure/tokens/azure-identity-token)");
    }
    return v == null ? null : v.trim();
  }

  /** {@code https://host[:port][/path]/}, as azure-identity wants it. */
  private static String authorityHost(SourceUri uri, String v) {
    String expected = "is not an https URL of a sign-in host (" + AzureCloud.PUBLIC.authorityHost() + ", "
        + AzureCloud.CHINA.authorityHost() + ", " + AzureCloud.USGOV.authorityHost()
        + ", or your cloud's; or set cloud=public|china|usgov instead)";
    URI u;
    try {
      u = new URI(v.trim());
    } catch (URISyntaxException e) {
      throw bad(uri, AUTHORITY_HOST, v, expected);
    }
    if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || u.getRawQuery() != null
        || u.getRawFragment() != null || u.getRawUserInfo() != null) {
      throw bad(uri, AUTHORITY_HOST, v, expected);
    }
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    return "https://" + u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() >= 0 ? ":" + u.getPort() : "")
        + (path.endsWith("/") ? path : path + "/");
  }

  private static SecretConfigurationException bad(SourceUri uri, String name, String value, String problem) {
    return new SecretConfigurationException("source URI '" + uri.redacted() + "': parameter '" + name + "' value '"
        + value + "' " + problem);
  }
}
