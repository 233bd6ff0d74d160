package dev.secrets4j.test.azure;

/**
 * One token request as the {@link LocalTokenEndpoint} saw it: the sign-in host it was sent to, the tenant in its
 * path, the grant type, client id, scope and client assertion of its form, and the status answered. Its
 * {@code toString} never shows the assertion.
 */
public final class TokenGrant {
  private final String host;
  private final String tenant;
  private final String grantType;
  private final String clientId;
  private final String scope;
  private final String assertion;
  private final int status;

  TokenGrant(String host, String tenant, String grantType, String clientId, String scope, String assertion,
      int status) {
    this.host = host;
    this.tenant = tenant;
    this.grantType = grantType;
    this.clientId = clientId;
    this.scope = scope;
    this.assertion = assertion;
    this.status = status;
  }

  /** The sign-in host the request was sent to: {@code login.microsoftonline.com}, {@code login.chinacloudapi.cn}, ... */
  public String host() {
    return host;
  }

  /** The tenant in the path, {@code /{tenant}/oauth2/v2.0/token}. */
  public String tenant() {
    return tenant;
  }

  /** The form's {@code grant_type}: {@code client_credentials} for a client assertion. */
  public String grantType() {
    return grantType;
  }

  /** The form's {@code client_id}, or null. */
  public String clientId() {
    return clientId;
  }

  /** The form's {@code scope}, or null. */
  public String scope() {
    return scope;
  }

  /** The form's {@code client_assertion} (for a workload identity, the token file's contents), or null. */
  public String assertion() {
    return assertion;
  }

  /** The HTTP status answered. */
  public int status() {
    return status;
  }

  @Override
  public String toString() {
    return "TokenGrant[" + host + "/" + tenant + " " + grantType + " client " + clientId + " scope " + scope
        + (assertion == null ? "" : " with an assertion") + " -> " + status + "]";
  }
}
