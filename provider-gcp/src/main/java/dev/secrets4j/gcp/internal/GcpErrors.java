package dev.secrets4j.gcp.internal;

import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ErrorDetails;
import com.google.api.gax.rpc.StatusCode;
import com.google.rpc.RetryInfo;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Maps Secret Manager's answers to {@link SecretSourceException} kinds, with messages that tell the operator what to
 * do. The table is in the module README; every row has a test through the real client.
 */
final class GcpErrors {
  private GcpErrors() {}

  /** The kind for a status code, when nothing else in the failure decides it. */
  static Kind kindOf(StatusCode.Code code) {
    switch (code) {
      case NOT_FOUND:
        return Kind.NOT_FOUND;
      case PERMISSION_DENIED:
      case UNAUTHENTICATED:
        return Kind.ACCESS_DENIED;
      case UNAVAILABLE:
      case RESOURCE_EXHAUSTED:
      case DEADLINE_EXCEEDED:
      case INTERNAL:
      case ABORTED:
      case CANCELLED:
      case UNKNOWN:
        return Kind.TRANSIENT;
      default:
        // FAILED_PRECONDITION (disabled or destroyed version), INVALID_ARGUMENT, OUT_OF_RANGE, UNIMPLEMENTED, ...
        return Kind.PERMANENT;
    }
  }

  /**
   * The exception for a failed call about secret {@code name} (store resource {@code resource}) in the source
   * {@code settings} describe.
   */
  static SecretSourceException map(ApiException e, String name, String resource, GcpSourceSettings settings) {
    StatusCode.Code code = e.getStatusCode().getCode();
    String store = storeMessage(e, code);
    String subject = "secret '" + name + "' (" + resource + ")";
    Throwable tls = tlsFailure(e);
    if (tls != null) {
      return tls(e, tls, name, settings);
    }
    HttpResponseException refused = tokenRefusal(e);
    if (refused != null) {
      return tokenRefused(e, refused, name, settings);
    }
    switch (kindOf(code)) {
      case NOT_FOUND:
        return new SecretSourceException(Kind.NOT_FOUND, subject + " not found in " + settings.id() + ": " + store
            + "; create it there (gcloud secrets create " + settings.prefix() + name + " --project "
            + settings.project() + (settings.location() == null ? "" : " --location " + settings.location())
            + "), or check the name, prefix, project and location", e);
      case ACCESS_DENIED:
        return code == StatusCode.Code.UNAUTHENTICATED
            ? new SecretSourceException(Kind.ACCESS_DENIED, "access to " + subject + " denied by " + settings.id()
                + ": " + store + "; the credentials were refused: check which ones the process runs with "
                + "(GOOGLE_APPLICATION_CREDENTIALS, the attached service account) and that they are not expired or "
                + "deleted", e)
            : new SecretSourceException(Kind.ACCESS_DENIED, "access to " + subject + " denied by " + settings.id()
                + ": " + store + "; grant the caller's principal roles/secretmanager.secretAccessor on the secret or "
                + "the project (gcloud secrets add-iam-policy-binding " + settings.prefix() + name + " --project "
                + settings.project() + (settings.location() == null ? "" : " --location " + settings.location())
                + " --member=PRINCIPAL --role=roles/secretmanager.secretAccessor), or the "
                + "secret may not exist: Secret Manager does not tell a caller without access which it is", e);
      case TRANSIENT:
        if (code == StatusCode.Code.RESOURCE_EXHAUSTED) {
          Duration wait = retryDelay(e);
          return new SecretSourceException(Kind.TRANSIENT, "reading " + subject + " from " + settings.id()
              + " was throttled: " + store + "; the project is over a Secret Manager quota (access requests per "
              + "minute), so the read is not repeated at once but retried "
              + (wait == null ? "with backoff" : "after " + wait.toMillis() + " ms, as the store asked")
              + "; raise the quota or read less often (a longer refresh-after)", e, wait);
        }
        return new SecretSourceException(Kind.TRANSIENT, "reading " + subject + " from " + settings.id()
            + " failed: " + store + " (gave up within " + settings.attempts() + " attempt(s) of at most "
            + settings.timeout().toMillis() + " ms each); the store is unreachable, slow or throttling, and the "
            + "read will be retried", e);
      default:
        return new SecretSourceException(Kind.PERMANENT, "reading " + subject + " from " + settings.id()
            + " failed: " + store + permanentHint(code, store, name, settings), e);
    }
  }

  /**
   * The token endpoint's refusal (HTTP 400, 401, 403 or 404 while getting an access token) in {@code e}'s cause
   * chain, or null. gRPC reports a failed token refresh as {@code UNAVAILABLE}; a refusal is no outage.
   */
  static HttpResponseException tokenRefusal(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof HttpResponseException) {
        int status = ((HttpResponseException) t).getStatusCode();
        return status == 400 || status == 401 || status == 403 || status == 404 ? (HttpResponseException) t : null;
      }
    }
    return null;
  }

  private static SecretSourceException tokenRefused(Throwable e, HttpResponseException refused, String name,
      GcpSourceSettings settings) {
    String hint = settings.impersonate() != null
        ? "the IAM Credentials API refused a token for " + settings.impersonate() + ": grant the caller's principal "
            + "roles/iam.serviceAccountTokenCreator on that service account (gcloud iam service-accounts "
            + "add-iam-policy-binding " + settings.impersonate() + " --member=PRINCIPAL "
            + "--role=roles/iam.serviceAccountTokenCreator), and check that it exists and the IAM Credentials API is "
            + "enabled in its project"
        : "the credentials were refused when getting an access token: check which ones the process runs with and "
            + "that they are not revoked or expired (gcloud auth application-default login again)";
    return new SecretSourceException(Kind.ACCESS_DENIED, "reading secret '" + name + "' from " + settings.id()
        + " failed: HTTP " + refused.getStatusCode() + " from the token endpoint; " + hint, e);
  }

  /** A failure that is not the store's answer: a TLS failure is PERMANENT, anything else TRANSIENT. */
  static SecretSourceException unexpected(RuntimeException e, String name, GcpSourceSettings settings) {
    Throwable tls = tlsFailure(e);
    if (tls != null) {
      return tls(e, tls, name, settings);
    }
    HttpResponseException refused = tokenRefusal(e);
    if (refused != null) {
      return tokenRefused(e, refused, name, settings);
    }
    return new SecretSourceException(Kind.TRANSIENT, "reading secret '" + name + "' from " + settings.id()
        + " failed: unexpected " + e.getClass().getName(), e);
  }

  /** {@code RetryInfo.retry_delay} of the status details, or null when the store sent none. */
  static Duration retryDelay(ApiException e) {
    ErrorDetails details = e.getErrorDetails();
    RetryInfo retry = details == null ? null : details.getRetryInfo();
    if (retry == null || !retry.hasRetryDelay()) {
      return null;
    }
    return Duration.ofSeconds(retry.getRetryDelay().getSeconds(), retry.getRetryDelay().getNanos());
  }

  /**
   * The TLS or certificate failure in {@code e}'s cause chain, or null: the deepest certificate failure when there is
   * one (its message says why the certificate was refused, "PKIX path building failed: ..."), else the handshake's.
   */
  static Throwable tlsFailure(Throwable e) {
    Throwable found = null;
    int depth = 0;
    for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof CertificateException || t instanceof CertPathValidatorException
          || t instanceof CertPathBuilderException) {
        if (!(found instanceof CertificateException)) {
          found = t;
        }
      } else if ((t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException) && found == null) {
        found = t;
      }
    }
    return found;
  }

  private static SecretSourceException tls(Throwable e, Throwable tls, String name, GcpSourceSettings settings) {
    return new SecretSourceException(Kind.PERMANENT, "reading secret '" + name + "' from " + settings.id()
        + " failed: the TLS connection to " + settings.effectiveEndpoint() + " was refused: "
        + tls.getClass().getSimpleName() + ": " + tls.getMessage() + "; retrying will not help: check the endpoint "
        + "(a host that is not Secret Manager, or a proxy that intercepts TLS) and the JVM's trust store "
        + "(javax.net.ssl.trustStore must hold the CA that signed the endpoint's certificate)", e);
  }

  private static String permanentHint(StatusCode.Code code, String store, String name, GcpSourceSettings settings) {
    if (code != StatusCode.Code.FAILED_PRECONDITION) {
      return "; this will not succeed by retrying";
    }
    String secret = settings.prefix() + name;
    if (store.contains("DESTROYED")) {
      return "; the version is destroyed and cannot come back: add a new version (gcloud secrets versions add "
          + secret + " --project " + settings.project() + " --data-file=FILE)";
    }
    if (store.contains("DISABLED")) {
      return "; the version is disabled: enable it (gcloud secrets versions enable VERSION --secret " + secret
          + " --project " + settings.project() + "), or add a new version";
    }
    return "; the store refuses it in its current state: enable the version, or add a new version";
  }

  private static String storeMessage(ApiException e, StatusCode.Code code) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return code.name();
    }
    String prefix = "io.grpc.StatusRuntimeException: ";
    if (m.startsWith(prefix)) {
      m = m.substring(prefix.length());
    }
    return m.startsWith(code.name()) ? m : code.name() + ": " + m;
  }
}
