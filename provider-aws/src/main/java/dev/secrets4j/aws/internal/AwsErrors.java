package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps what the SDK throws to {@link SecretSourceException} kinds:
 * <ul>
 *   <li>{@code ResourceNotFoundException} → NOT_FOUND;</li>
 *   <li>access denied (IAM, unknown or expired keys, bad signatures, no credentials) → ACCESS_DENIED;</li>
 *   <li>throttling, HTTP 5xx, timeouts, I/O → TRANSIENT;</li>
 *   <li>{@code DecryptionFailure}, {@code InvalidRequestException} (for example a secret scheduled for
 *       deletion), {@code InvalidParameterException} and every other 4xx → PERMANENT.</li>
 * </ul>
 * Messages name the secret, its Secrets Manager id and the source, give the store's error code and message and
 * the number of attempts, and hint the fix. They never carry a value: the SDK's own message is kept only for
 * service errors (the store's words about the request) and I/O; other client errors keep their type only.
 */
final class AwsErrors {
  static final Set<String> ACCESS_CODES = Set.of("AccessDeniedException", "AccessDenied",
      "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredTokenException",
      "ExpiredToken", "IncompleteSignatureException", "IncompleteSignature", "MissingAuthenticationTokenException",
      "MissingAuthenticationToken", "InvalidClientTokenId", "NotAuthorized", "AuthFailure",
      "UnauthorizedOperation", "KMSAccessDeniedException");

  private AwsErrors() {}

  /**
   * The exception for {@code e}, thrown while {@code what} (for example {@code "reading secret 'x'"}).
   *
   * @param notFoundDetail what was not found, for NOT_FOUND messages ("secret 'x'", "version v of secret 'x'")
   * @param notFoundHint how to fix a NOT_FOUND
   */
  static SecretSourceException map(SdkException e, String what, String awsId, AwsSourceSettings s,
      String notFoundDetail, String notFoundHint, String permission) {
    String where = " (Secrets Manager id '" + awsId + "' in " + s.regionName() + ")";
    if (e instanceof AwsServiceException) {
      AwsServiceException ase = (AwsServiceException) e;
      AwsErrorDetails d = ase.awsErrorDetails();
      String code = d == null || d.errorCode() == null ? "" : d.errorCode();
      String store = "[" + (code.isEmpty() ? "HTTP " + ase.statusCode() : code + ", HTTP " + ase.statusCode())
          + (d != null && d.errorMessage() != null ? ": " + d.errorMessage() : "")
          + attempts(e) + "]";
      int status = ase.statusCode();
      if (code.equals("ResourceNotFoundException")) {
        return new SecretSourceException(Kind.NOT_FOUND, notFoundDetail + " not found in " + s.id() + where + " "
            + store + "; " + notFoundHint, e);
      }
      if (ase.isThrottlingException()) {
        return new SecretSourceException(Kind.TRANSIENT, what + " from " + s.id() + " failed: Secrets Manager is "
            + "throttling requests" + where + " " + store + "; it is retried with backoff while the last good value "
            + "is served; if it persists, refresh less often or raise the account's request quota", e);
      }
      if (status >= 500 || code.equals("InternalServiceError") || code.equals("ServiceUnavailableException")) {
        return new SecretSourceException(Kind.TRANSIENT, what + " from " + s.id() + " failed: Secrets Manager had an "
            + "internal error" + where + " " + store + "; it is retried with backoff while the last good value is "
            + "served", e);
      }
      if (ACCESS_CODES.contains(code) || status == 401 || status == 403) {
        return new SecretSourceException(Kind.ACCESS_DENIED, what + " from " + s.id() + " was denied" + where + " "
            + store + "; allow " + permission + " on this secret for the caller's IAM identity, and check which "
            + "credentials are in use (environment, profile, role)", e);
      }
      if (code.equals("DecryptionFailure")) {
        return new SecretSourceException(Kind.PERMANENT, what + " from " + s.id() + " failed: Secrets Manager could "
            + "not decrypt it" + where + " " + store + "; allow kms:Decrypt on the secret's KMS key for the caller, "
            + "or check that the key is enabled", e);
      }
      if (code.equals("InvalidRequestException")) {
        return new SecretSourceException(Kind.PERMANENT, what + " from " + s.id() + " was refused" + where + " "
            + store + "; the secret may be scheduled for deletion (restore it with RestoreSecret) or not in a "
            + "state that allows this request", e);
      }
      return new SecretSourceException(Kind.PERMANENT, what + " from " + s.id() + " was refused as invalid" + where
          + " " + store + "; check the secret name (letters, digits and /_+=.@-), the prefix and the version id",
          e);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new SecretSourceException(Kind.TRANSIENT, what + " from " + s.id() + " timed out" + where + " ["
          + e.getClass().getSimpleName() + attempts(e) + "; limits: attemptTimeout=" + AwsSourceSettings.format(
              s.attemptTimeout()) + ", callTimeout=" + AwsSourceSettings.format(s.callTimeout()) + ", maxAttempts="
          + s.maxAttempts() + "]; it is retried with backoff while the last good value is served", e);
    }
    if (hasCause(e, Clients.CredentialsUnavailable.class)
        || (e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials"))) {
      return new SecretSourceException(Kind.ACCESS_DENIED, what + " from " + s.id() + " failed: no AWS credentials"
          + where + " [" + e.getMessage() + "]; provide credentials (environment variables, a profile= in the "
          + "source URI, or an IAM role for the workload)", e);
    }
    if (isNetworkFailure(e)) {
      return new SecretSourceException(Kind.TRANSIENT, what + " from " + s.id() + " failed: Secrets Manager could "
          + "not be reached" + where + " [" + e.getMessage() + "]; check the network path to "
          + (s.endpoint() != null ? s.endpoint() : "secretsmanager." + s.regionName()) + "; it is retried with backoff "
          + "while the last good value is served", e);
    }
    // other client-side failures (for example an answer that could not be parsed): keep the type only, as
    // such messages may quote the answer, which may hold a value
    return new SecretSourceException(Kind.TRANSIENT, what + " from " + s.id() + " failed" + where + " ["
        + e.getClass().getName() + attempts(e) + "]; it is retried with backoff while the last good value is "
        + "served");
  }

  /** True for connection and socket failures; false for parse errors, whose messages may quote the answer. */
  static boolean isNetworkFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof AbortedException) {
        return true;
      }
      if (c instanceof IOException) {
        return !c.getClass().getName().contains("jackson");
      }
    }
    return false;
  }

  private static String attempts(SdkException e) {
    Integer n = e.numAttempts();
    return n == null || n <= 1 ? "" : ", " + n + " attempts";
  }


  static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
