package dev.secrets4j.azure.internal;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Maps what the SDK throws to {@link SecretSourceException} kinds, so that every definitive answer of the vault is
 * definitive here: 404 → not found; 401, 403 and refused credentials → access denied; a disabled version
 * ({@code 403 SecretDisabled}), an API version the vault does not speak, an untrusted TLS certificate, a bearer
 * challenge for another domain, other 4xx → permanent; 408, 429, 5xx, I/O failures, time-outs and an unavailable
 * identity endpoint → transient. Messages name the secret, the source and the store's error code, and hint at the
 * fix. They never quote a response body that could hold a value: only error responses (which carry none) are
 * described. The README's error table lists every row.
 */
final class AzureErrors {
  private AzureErrors() {}

  /** What was being read, for messages: {@code secret 'db.password' (Key Vault name 'db-password')}. */
  static String subject(String name, String vaultName) {
    return "secret '" + name + "'" + (name.equals(vaultName) ? "" : " (Key Vault name '" + vaultName + "')");
  }

  static SecretSourceException map(RuntimeException e, String name, String vaultName, String what, String sourceId) {
    String subject = subject(name, vaultName);
    TimeBoundCredential.TokenUnavailable token = Causes.find(e, TimeBoundCredential.TokenUnavailable.class);
    if (token != null) {
      return token.kind() == Kind.ACCESS_DENIED
          ? new SecretSourceException(Kind.ACCESS_DENIED, "access to " + subject + " in " + sourceId + " denied: "
              + token.getMessage(), token)
          : new SecretSourceException(token.kind(), "reading " + subject + " from " + sourceId + " failed: "
              + token.getMessage(), token);
    }
    if (e instanceof VaultCalls.DeadlineExceeded) {
      return new SecretSourceException(Kind.TRANSIENT, "reading " + subject + " from " + sourceId + " failed: "
          + e.getMessage() + "; the vault or the identity endpoint is slow or unreachable", e);
    }
    if (Causes.find(e, InterruptedException.class) != null) {
      Thread.currentThread().interrupt();
      return new SecretSourceException(Kind.TRANSIENT, "reading " + subject + " from " + sourceId
          + " was interrupted", e);
    }
    if (e instanceof HttpResponseException && ((HttpResponseException) e).getResponse() != null) {
      return fromResponse((HttpResponseException) e, subject, what, sourceId);
    }
    Throwable tls = Causes.tlsTrustFailure(e);
    if (tls != null) {
      return new SecretSourceException(Kind.PERMANENT, "reading " + subject + " from " + sourceId + " failed: the"
          + " vault's TLS certificate is not accepted (" + Causes.describe(tls) + "); check the vault URL (a wrong"
          + " vault name or cloud leads to another host), and that the JVM's trust store (javax.net.ssl.trustStore)"
          + " holds the CA of any TLS-inspecting proxy on the way", sanitized(e));
    }
    if (BoundedRetryStrategy.isIoFailure(e)) {
      return new SecretSourceException(Kind.TRANSIENT, "reading " + subject + " from " + sourceId + " failed: "
          + "no answer from the vault (" + ioSummary(e) + "); check the network path to the vault", e);
    }
    if (String.valueOf(e.getMessage()).startsWith("The challenge resource")) {
      return new SecretSourceException(Kind.PERMANENT, "reading " + subject + " from " + sourceId + " failed: the"
          + " vault's bearer challenge names a resource outside the vault's domain (" + firstLine(e.getMessage())
          + "); check that the vault URL is the vault's own (vault.azure.net, vault.azure.cn or"
          + " vault.usgovcloudapi.net, as its cloud); only emulators and test servers on other hosts need "
          + KeyVaultSettings.VERIFY_CHALLENGE_RESOURCE + "=false", sanitized(e));
    }
    if (e instanceof ClientAuthenticationException) {
      return new SecretSourceException(Kind.ACCESS_DENIED, "access to " + subject + " in " + sourceId + " denied: "
          + e.getClass().getSimpleName() + "; check the credential", sanitized(e));
    }
    return new SecretSourceException(Kind.PERMANENT, "reading " + subject + " from " + sourceId + " failed: "
        + "unexpected " + e.getClass().getName() + "; this is likely a bug or an incompatible SDK version",
        sanitized(e));
  }

  private static SecretSourceException fromResponse(HttpResponseException e, String subject, String what,
      String sourceId) {
    HttpResponse response = e.getResponse();
    int status = response.getStatusCode();
    if (status < 400) {
      // a success whose body could not be read: the SDK's message quotes that body, which holds the value
      return new SecretSourceException(Kind.PERMANENT, "reading " + subject + " from " + sourceId + " failed: the"
          + " vault answered HTTP " + status + " with a body the SDK could not read; is the URI a Key Vault?",
          sanitized(e));
    }
    ServiceError err = ServiceError.of(e);
    String http = "HTTP " + status + err.describe();
    switch (status) {
      case 404:
        return new SecretSourceException(Kind.NOT_FOUND, subject + (what.isEmpty() ? "" : " " + what)
            + " not found in " + sourceId + " (" + http + "); create it there, or check the name", e);
      case 401:
        return new SecretSourceException(Kind.ACCESS_DENIED, "access to " + subject + " denied by " + sourceId + ": "
            + "the vault refused the access token (" + http + "); check that the credential belongs to the vault's"
            + " tenant", e);
      case 403:
        if (err.is("SecretDisabled")) {
          return new SecretSourceException(Kind.PERMANENT, subject + (what.isEmpty() ? "" : " " + what)
              + " in " + sourceId + " is disabled (" + http + "); enable it (az keyvault secret set-attributes"
              + " --enabled true), or set a new value", e);
        }
        return new SecretSourceException(Kind.ACCESS_DENIED, "access to " + subject + " denied by " + sourceId + " ("
            + http + "); grant the identity 'get' and 'list' on secrets (role Key Vault Secrets User, or an access"
            + " policy), and check the vault's network rules", e);
      default:
        break;
    }
    if (status == 400 && String.valueOf(err.message).contains("version") && String.valueOf(err.message)
        .contains("not recognized")) {
      return new SecretSourceException(Kind.PERMANENT, "reading " + subject + " from " + sourceId + " failed: the"
          + " vault does not speak this SDK's API version (" + http + "); an Azure Stack Hub or sovereign-cloud vault"
          + " may lag behind: use a vault that supports it, or an azure-security-keyvault-secrets release that speaks"
          + " the vault's version", e);
    }
    if (BoundedRetryStrategy.isRetriableStatus(status)) {
      Optional<Duration> after = BoundedRetryStrategy.retryAfter(response.getHeaders());
      String hint = status == 429
          ? "; the vault is throttling" + after.map(d -> " and asked to retry after " + d.toMillis() + " ms").orElse("")
          : "; the vault is unavailable, try again later";
      return new SecretSourceException(Kind.TRANSIENT, "reading " + subject + " from " + sourceId + " failed: "
          + http + hint, e, after.orElse(null));
    }
    return new SecretSourceException(Kind.PERMANENT, "reading " + subject + " from " + sourceId + " failed: " + http
        + "; retrying will not help", e);
  }

  private static String firstLine(String m) {
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private static String ioSummary(Throwable e) {
    Throwable io = e;
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IOException || c instanceof java.util.concurrent.TimeoutException) {
        io = c;
        break;
      }
    }
    String m = io.getMessage();
    return io.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  /** A stand-in cause for exceptions whose message might quote a response: the class and stack, no message. */
  static Throwable sanitized(Throwable e) {
    RuntimeException stand = new RuntimeException(e.getClass().getName() + " (message withheld: it may quote the"
        + " store's response)");
    stand.setStackTrace(e.getStackTrace());
    return stand;
  }

  /** Key Vault's error body: {@code {"error":{"code":..,"message":..,"innererror":{"code":..}}}}. */
  static final class ServiceError {
    final String code;
    final String message;
    final String innerCode;

    private ServiceError(String code, String message, String innerCode) {
      this.code = code;
      this.message = message;
      this.innerCode = innerCode;
    }

    boolean is(String c) {
      return c.equalsIgnoreCase(String.valueOf(code)) || c.equalsIgnoreCase(String.valueOf(innerCode));
    }

    String describe() {
      if (code == null && message == null) {
        return "";
      }
      StringBuilder sb = new StringBuilder(" ");
      sb.append(code == null ? "" : code);
      if (innerCode != null) {
        sb.append('/').append(innerCode);
      }
      if (message != null) {
        String m = message.length() > 300 ? message.substring(0, 300) + "…" : message;
        sb.append(code == null ? "" : ": ").append(m);
      }
      return sb.toString();
    }

    static ServiceError of(HttpResponseException e) {
      Object value = e.getValue();
      Map<?, ?> body = null;
      if (value instanceof Map) {
        body = (Map<?, ?>) value;
      } else {
        body = parse(value instanceof String ? (String) value : quotedBody(e.getMessage()));
      }
      if (body != null && body.get("error") instanceof Map) {
        Map<?, ?> error = (Map<?, ?>) body.get("error");
        Object inner = error.get("innererror");
        return new ServiceError(str(error.get("code")), str(error.get("message")),
            inner instanceof Map ? str(((Map<?, ?>) inner).get("code")) : null);
      }
      return new ServiceError(null, null, null);
    }

    /** The SDK's message is {@code Status code N, "<body>"}. */
    private static String quotedBody(String message) {
      if (message == null) {
        return null;
      }
      int first = message.indexOf('"');
      int last = message.lastIndexOf('"');
      return first >= 0 && last > first ? message.substring(first + 1, last) : null;
    }

    private static Map<?, ?> parse(String json) {
      if (json == null || !json.trim().startsWith("{")) {
        return null;
      }
      try (JsonReader reader = JsonProviders.createReader(json)) {
        reader.nextToken();
        Object o = reader.readUntyped();
        return o instanceof Map ? (Map<?, ?>) o : null;
      } catch (IOException | RuntimeException ex) {
        return null;
      }
    }

    private static String str(Object o) {
      return o == null ? null : o.toString();
    }
  }
}
