package dev.secrets4j.gcp.internal;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;

/** Maps Secret Manager's gRPC status codes to {@link SecretSourceException} kinds, with messages that hint the fix. */
final class GcpErrors {
  private GcpErrors() {}

  /** The kind for a status code. */
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
   * The exception for a failed call about secret {@code name} (store resource {@code resource}) in source
   * {@code settings}.
   */
  static SecretSourceException map(ApiException e, String name, String resource, GcpSourceSettings settings) {
    StatusCode.Code code = e.getStatusCode().getCode();
    String store = storeMessage(e, code);
    String subject = "secret '" + name + "' (" + resource + ")";
    switch (kindOf(code)) {
      case NOT_FOUND:
        return new SecretSourceException(Kind.NOT_FOUND, subject + " not found in " + settings.id() + ": " + store
            + "; create it there (gcloud secrets create " + settings.prefix() + name + " --project " + settings.project()
            + (settings.location() == null ? "" : " --location " + settings.location())
            + "), or check the name, prefix, project and location", e);
      case ACCESS_DENIED:
        return new SecretSourceException(Kind.ACCESS_DENIED, "access to " + subject + " denied by " + settings.id()
            + ": " + store + "; grant the caller's principal roles/secretmanager.secretAccessor on the secret or "
            + "the project, and check which credentials it runs with", e);
      case TRANSIENT:
        return new SecretSourceException(Kind.TRANSIENT, "reading " + subject + " from " + settings.id()
            + " failed: " + store + " (gave up within " + settings.attempts() + " attempt(s) of at most "
            + settings.timeout().toMillis() + " ms each); the store is unreachable, slow or throttling, and the read "
            + "will be retried", e);
      default:
        String hint = code == StatusCode.Code.FAILED_PRECONDITION
            ? "; the version is disabled or destroyed: enable it, or add a new version"
            : "; this will not succeed by retrying";
        return new SecretSourceException(Kind.PERMANENT, "reading " + subject + " from " + settings.id() + " failed: "
            + store + hint, e);
    }
  }

  /** A failure that is not the store's answer (a bug, an unexpected exception from the SDK). */
  static SecretSourceException unexpected(RuntimeException e, String name, GcpSourceSettings settings) {
    return new SecretSourceException(Kind.TRANSIENT, "reading secret '" + name + "' from " + settings.id()
        + " failed: unexpected " + e.getClass().getName(), e);
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
