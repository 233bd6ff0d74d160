package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps what the SDK throws to {@link SecretSourceException} kinds. Definitive answers of the store are never
 * TRANSIENT, so that the resolver stops serving a revoked value:
 * <ul>
 *   <li>{@code ResourceNotFoundException} → NOT_FOUND;</li>
 *   <li>access denied (IAM, unknown or expired keys, bad signatures, no credentials) → ACCESS_DENIED, and a refused
 *       KMS key ("Access to KMS is not allowed") → ACCESS_DENIED naming {@code kms:Decrypt} and the key;</li>
 *   <li>{@code DecryptionFailure} (key disabled or unusable) → PERMANENT naming {@code kms:Decrypt} and the key;</li>
 *   <li>{@code InvalidRequestException} for a secret scheduled for deletion → PERMANENT with the restore command;
 *       other {@code InvalidRequestException}s, {@code InvalidParameterException} and every other 4xx →
 *       PERMANENT;</li>
 *   <li>a TLS failure (untrusted certificate, PKIX path, wrong host, plain HTTP) → PERMANENT with a hint;</li>
 *   <li>throttling, HTTP 5xx, timeouts and connection failures → TRANSIENT, with the store's {@code Retry-After}.</li>
 * </ul>
 * Messages name the secret, its Secrets Manager id and the source, give the store's error code and message and
 * the number of attempts, and hint the fix. They never carry a value: the SDK's own message is kept only for
 * service errors (the store's words about the request), TLS and I/O; other client errors keep their type only.
 */
final class AwsErrors {
  static final Set<String> ACCESS_CODES = Set.of("AccessDeniedException", "AccessDenied",
      "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredTokenException",
      "ExpiredToken", "IncompleteSignatureException", "IncompleteSignature", "MissingAuthenticationTokenException",
      "MissingAuthenticationToken", "InvalidClientTokenId", "NotAuthorized", "AuthFailure",
      "UnauthorizedOperation");
  static final Set<String> KMS_ACCESS_CODES = Set.of("KMSAccessDeniedException", "KMSDisabledException",
      "KMSInvalidStateException", "KMSNotFoundException");
  static final String MANAGED_KEY = "aws/secretsmanager";
  private static final String RIDDEN_OUT = "; it is retried with backoff while the last good value is served";

  private AwsErrors() {}

  /**
   * The exception for {@code e}, thrown by {@code call} of the source {@code s}; when fallback regions were tried
   * too ({@link RegionFailover}), the message says how each failed.
   */
  static SecretSourceException map(SdkException e, StoreCall call, AwsSourceSettings s) {
    SecretSourceException mapped = mapOne(e, call, s);
    for (Throwable suppressed : e.getSuppressed()) {
      if (suppressed instanceof RegionFailover.FallbackFailures) {
        return new SecretSourceException(mapped.kind(), mapped.getMessage() + "; " + suppressed.getMessage(),
            mapped.getCause(),
            mapped.retryAfter().orElse(null));
      }
    }
    return mapped;
  }

  private static SecretSourceException mapOne(SdkException e, StoreCall call, AwsSourceSettings s) {
    String from = call.what() + " from " + s.id();
    String where = " (Secrets Manager id '" + call.awsId() + "' in " + s.regionName() + ")";
    if (e instanceof AwsServiceException) {
      return service((AwsServiceException) e, call, s, from, where);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new SecretSourceException(Kind.TRANSIENT, from + " timed out" + where + " ["
          + e.getClass().getSimpleName() + attempts(e) + "; limits: attemptTimeout=" + AwsSourceSettings.format(
              s.attemptTimeout()) + ", callTimeout=" + AwsSourceSettings.format(s.callTimeout()) + ", maxAttempts="
          + s.maxAttempts() + "]" + RIDDEN_OUT, e);
    }
    if (hasCause(e, Clients.CredentialsUnavailable.class)
        || (e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials"))) {
      return new SecretSourceException(Kind.ACCESS_DENIED, from + " failed: no AWS credentials" + where + " ["
          + e.getMessage() + "]; provide credentials (environment variables, a profile= in the source URI, or an IAM "
          + "role for the workload)", e);
    }
    if (isTlsFailure(e)) {
      return new SecretSourceException(Kind.PERMANENT, from + " failed: no trusted TLS connection to " + endpoint(s)
          + where + " [" + e.getMessage() + "]; check that the endpoint is Secrets Manager's (or your VPC endpoint's), "
          + "and that the JVM trusts its certificate: behind a TLS-inspecting proxy add the proxy's "
          + "CA to the trust store (-Djavax.net.ssl.trustStore=...) or to the JDK's cacerts", e);
    }
    if (isNetworkFailure(e)) {
      return new SecretSourceException(Kind.TRANSIENT, from + " failed: Secrets Manager could not be reached" + where
          + " [" + e.getMessage() + "]; check the network path to " + endpoint(s) + RIDDEN_OUT, e);
    }
    // other client-side failures (for example an answer that could not be parsed): keep the type only, as
    // such messages may quote the answer, which may hold a value
    return new SecretSourceException(Kind.TRANSIENT, from + " failed" + where + " [" + e.getClass().getName()
        + attempts(e) + "]" + RIDDEN_OUT);
  }

  private static SecretSourceException service(AwsServiceException ase, StoreCall call, AwsSourceSettings s,
      String from, String where) {
    AwsErrorDetails d = ase.awsErrorDetails();
    String code = shortCode(d == null ? null : d.errorCode());
    String message = d != null && d.errorMessage() != null ? d.errorMessage() : "";
    int status = ase.statusCode();
    String store = "[" + (code.isEmpty() ? "HTTP " + status : code + ", HTTP " + status)
        + (message.isEmpty() ? "" : ": " + message) + attempts(ase) + "]";
    if (code.equals("ResourceNotFoundException")) {
      return new SecretSourceException(Kind.NOT_FOUND, call.notFoundDetail() + " not found in " + s.id() + where
          + " " + store + "; " + call.notFoundHint(), ase);
    }
    if (ase.isThrottlingException()) {
      return new SecretSourceException(Kind.TRANSIENT, from + " failed: Secrets Manager is throttling requests"
          + where + " " + store + RIDDEN_OUT + "; if it persists, refresh less often or raise the account's request "
          + "quota", ase, retryAfter(ase));
    }
    if (status >= 500 || code.equals("InternalServiceError") || code.equals("ServiceUnavailableException")) {
      return new SecretSourceException(Kind.TRANSIENT, from + " failed: Secrets Manager had an internal error"
          + where + " " + store + RIDDEN_OUT, ase, retryAfter(ase));
    }
    if (isKmsRefusal(code, message)) {
      return new SecretSourceException(Kind.ACCESS_DENIED, from + " was denied by KMS" + where + " " + store
          + "; allow kms:Decrypt on " + key(call) + " for the caller's IAM identity (key policy and IAM policy), "
          + "through Secrets Manager (kms:ViaService)", ase);
    }
    if (ACCESS_CODES.contains(code) || status == 401 || status == 403) {
      return new SecretSourceException(Kind.ACCESS_DENIED, from + " was denied" + where + " " + store + "; allow "
          + call.permission() + " on this secret for the caller's IAM identity, and check which credentials are in "
          + "use (environment, profile, role)", ase);
    }
    if (code.equals("DecryptionFailure")) {
      return new SecretSourceException(Kind.PERMANENT, from + " failed: Secrets Manager could not decrypt it"
          + where + " " + store + "; check that " + key(call) + " is enabled and not pending deletion "
          + "(aws kms describe-key), and allow kms:Decrypt on it for the caller", ase);
    }
    if (code.equals("InvalidRequestException") && mentionsDeletion(message)) {
      return new SecretSourceException(Kind.PERMANENT, from + " was refused: the secret is scheduled for deletion"
          + where + " " + store + "; " + restoreHint(call.awsId(), s), ase);
    }
    if (code.equals("InvalidRequestException")) {
      return new SecretSourceException(Kind.PERMANENT, from + " was refused" + where + " " + store + "; the "
          + "secret is not in a state that allows this request", ase);
    }
    return new SecretSourceException(Kind.PERMANENT, from + " was refused as invalid" + where + " " + store
        + "; check the secret name (letters, digits and /_+=.@-), the prefix and the version id", ase);
  }

  /**
   * PERMANENT for a secret that {@code DescribeSecret} shows scheduled for deletion ({@code DeletedDate}): every
   * path says so, the cheap ones too, and none returns its old version id.
   */
  static SecretSourceException scheduledForDeletion(String name, String awsId, Instant deletedDate,
      AwsSourceSettings s) {
    return new SecretSourceException(Kind.PERMANENT, "secret '" + name + "' in " + s.id() + " is scheduled for "
        + "deletion (Secrets Manager id '" + awsId + "' in " + s.regionName() + ", DeletedDate " + deletedDate
        + ") and is no longer served; " + restoreHint(awsId, s));
  }

  private static String restoreHint(String awsId, AwsSourceSettings s) {
    return "if it was deleted by mistake, restore it within its recovery window: aws secretsmanager restore-secret "
        + "--secret-id " + awsId + (s.region() == null ? "" : " --region " + s.region());
  }

  /** True for the failures whose message is better with the secret's KMS key: decryption and KMS refusals. */
  static boolean isKeyFailure(SdkException e) {
    if (!(e instanceof AwsServiceException) || ((AwsServiceException) e).awsErrorDetails() == null) {
      return false;
    }
    AwsErrorDetails d = ((AwsServiceException) e).awsErrorDetails();
    String code = shortCode(d.errorCode());
    return code.equals("DecryptionFailure") || isKmsRefusal(code, d.errorMessage() == null ? "" : d.errorMessage());
  }

  private static boolean isKmsRefusal(String code, String message) {
    return KMS_ACCESS_CODES.contains(code) || (ACCESS_CODES.contains(code) && (message.contains("KMS")
        || message.contains("kms:")));
  }

  private static boolean mentionsDeletion(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("marked for deletion") || m.contains("scheduled for deletion");
  }

  private static String key(StoreCall call) {
    return call.kmsKeyId() != null ? "the secret's KMS key " + call.kmsKeyId()
        : "the secret's KMS key (KmsKeyId in aws secretsmanager describe-secret; without one, the AWS managed key "
            + MANAGED_KEY + ")";
  }

  /** The code without a {@code namespace#} prefix or a {@code :uri} suffix, as some endpoints send it. */
  static String shortCode(String code) {
    if (code == null) {
      return "";
    }
    String c = code;
    int hash = c.lastIndexOf('#');
    if (hash >= 0) {
      c = c.substring(hash + 1);
    }
    int colon = c.indexOf(':');
    return colon >= 0 ? c.substring(0, colon) : c;
  }

  /** The store's {@code Retry-After} in seconds, if it sent one. */
  static Duration retryAfter(AwsServiceException e) {
    AwsErrorDetails d = e.awsErrorDetails();
    if (d == null || d.sdkHttpResponse() == null) {
      return null;
    }
    return d.sdkHttpResponse().firstMatchingHeader("Retry-After").map(v -> {
      try {
        long seconds = Long.parseLong(v.trim());
        return seconds >= 0 && seconds <= 3600 ? Duration.ofSeconds(seconds) : null;
      } catch (NumberFormatException ex) {
        return null;
      }
    }).orElse(null);
  }

  /**
   * True when the TLS handshake failed for a reason a retry will not fix: the certificate is not trusted (PKIX, an
   * unknown CA) or names another host. A handshake cut by the network (EOF, reset) is a network failure instead.
   */
  static boolean isTlsFailure(Throwable t) {
    boolean tls = false;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof CertificateException || c instanceof CertPathBuilderException
          || c instanceof CertPathValidatorException || c instanceof SSLPeerUnverifiedException
          || c.getClass().getName().equals("sun.security.provider.certpath.SunCertPathBuilderException")) {
        return true;
      }
      if (c instanceof EOFException || c instanceof SocketException) {
        return false;
      }
      if (c instanceof SSLHandshakeException) {
        tls = true;
      }
    }
    return tls;
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

  private static String endpoint(AwsSourceSettings s) {
    return s.endpoint() != null ? s.endpoint().toString() : "secretsmanager." + s.regionName() + ".amazonaws.com";
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
