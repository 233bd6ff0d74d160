package dev.secrets4j.azure.internal;

import com.azure.core.exception.HttpResponseException;
import com.azure.identity.CredentialUnavailableException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.nio.file.FileSystemException;

/**
 * Tells a credential's failure to get a token that may pass (Microsoft Entra ID or the managed identity endpoint is
 * down, slow, throttling or unreachable: {@code TRANSIENT}) from a definitive one (no credential is configured, the
 * identity is refused, the token file cannot be read: {@code ACCESS_DENIED}; the endpoint's certificate is not
 * trusted: {@code PERMANENT}). azure-identity reports Entra's answers as MSAL's {@link MsalServiceException} with the
 * HTTP status (workload identity, client secrets and certificates) or wraps them in a
 * {@code ClientAuthenticationException} (managed identity); both are looked for along the cause chain.
 */
final class TokenFailures {
  private TokenFailures() {}

  /** A failure's kind and the reason to give the operator (no secret in it). */
  record Verdict(Kind kind, String reason) {}

  static Verdict classify(Throwable e) {
    if (e instanceof CredentialUnavailableException) {
      return new Verdict(Kind.ACCESS_DENIED, firstLine(e) + "; configure a credential (workload identity, managed"
          + " identity, environment variables AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or az login)");
    }
    Throwable tls = Causes.tlsTrustFailure(e);
    if (tls != null) {
      return new Verdict(Kind.PERMANENT, "the identity endpoint's TLS certificate is not accepted ("
          + Causes.describe(tls) + "); check the authority host, and that the JVM's trust store holds the CA of any"
          + " TLS-inspecting proxy on the way");
    }
    FileSystemException file = Causes.find(e, FileSystemException.class);
    if (file != null) {
      return new Verdict(Kind.ACCESS_DENIED, "the federated token file cannot be read (" + Causes.describe(file)
          + "); check tokenFile / AZURE_FEDERATED_TOKEN_FILE and the pod's projected service account token");
    }
    MsalServiceException entra = Causes.find(e, MsalServiceException.class);
    if (entra != null) {
      Integer status = entra.statusCode();
      String answer = "Microsoft Entra ID answered" + (status == null ? "" : " HTTP " + status)
          + (entra.errorCode() == null ? "" : " " + entra.errorCode()) + ": " + firstLine(entra);
      if (isTransientStatus(status) || "temporarily_unavailable".equals(entra.errorCode())) {
        return new Verdict(Kind.TRANSIENT, answer + "; the identity service is unavailable, try again later");
      }
      return new Verdict(Kind.ACCESS_DENIED, answer + "; check the client id, tenant and the identity's federated"
          + " credential or secret");
    }
    HttpResponseException http = Causes.find(e, HttpResponseException.class);
    if (http != null && http.getResponse() != null && isTransientStatus(http.getResponse().getStatusCode())) {
      return new Verdict(Kind.TRANSIENT, "the identity endpoint answered HTTP " + http.getResponse().getStatusCode()
          + "; it is unavailable, try again later");
    }
    if (Causes.isIoFailure(e)) {
      Throwable io = Causes.find(e, java.io.IOException.class);
      return new Verdict(Kind.TRANSIENT, "the identity endpoint could not be reached ("
          + Causes.describe(io != null ? io : e) + "); check the network path to it");
    }
    return new Verdict(Kind.ACCESS_DENIED, firstLine(e) + "; check the credential");
  }

  private static boolean isTransientStatus(Integer status) {
    return status != null && BoundedRetryStrategy.isRetriableStatus(status);
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getName();
    }
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }
}
