package dev.secrets4j.test.azure;

/**
 * One request as the {@link LocalKeyVault} saw it: method, path, API version, whether it carried a token, the
 * status answered and the fault played. Holds no value and no token.
 */
public final class RecordedRequest {
  private final String method;
  private final String path;
  private final String apiVersion;
  private final boolean authenticated;
  private volatile String operation;
  private volatile int status;
  private volatile String fault;

  RecordedRequest(String method, String path, String apiVersion, boolean authenticated) {
    this.method = method;
    this.path = path;
    this.apiVersion = apiVersion;
    this.authenticated = authenticated;
  }

  /** {@code GET}, {@code PUT}, {@code PATCH}, ... */
  public String method() {
    return method;
  }

  /** The raw path, {@code /secrets/NAME/VERSION}. */
  public String path() {
    return path;
  }

  /** The {@code api-version} query parameter, or null. */
  public String apiVersion() {
    return apiVersion;
  }

  /** Whether the request carried an {@code Authorization} header (accepted or not). */
  public boolean authenticated() {
    return authenticated;
  }

  /** The REST operation ({@code GetSecret}, {@code GetSecretVersions}, {@code SetSecret}, {@code UpdateSecret}), or null. */
  public String operation() {
    return operation;
  }

  /** The HTTP status answered; -1 for a dropped connection, 0 while unanswered. */
  public int status() {
    return status;
  }

  /** The fault played on it, as text, or null. */
  public String fault() {
    return fault;
  }

  void operation(String operation) {
    this.operation = operation;
  }

  void status(int status) {
    this.status = status;
  }

  void fault(String fault) {
    this.fault = fault;
  }

  @Override
  public String toString() {
    return method + " " + path + " -> " + status + (fault == null ? "" : " (" + fault + ")")
        + (authenticated ? "" : " [no token]");
  }
}
