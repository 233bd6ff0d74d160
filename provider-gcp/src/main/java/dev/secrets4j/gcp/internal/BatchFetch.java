package dev.secrets4j.gcp.internal;

import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Reads the current payloads of many secrets at once: Secret Manager has no batch read, so up to
 * {@value #WINDOW} {@code AccessSecretVersion} calls are kept in flight on the client's channel. A transient failure
 * fails the batch; any other failure leaves the name out, for the resolver to read alone and report.
 */
final class BatchFetch {
  /** Payload reads in flight at once. */
  static final int WINDOW = 16;

  private final GcpSourceSettings settings;
  private final StoreCalls calls;
  private final PayloadReader payloads;

  BatchFetch(GcpSourceSettings settings, StoreCalls calls, PayloadReader payloads) {
    this.settings = settings;
    this.calls = calls;
    this.payloads = payloads;
  }

  /**
   * The current versions of {@code names} that could be read.
   *
   * @throws SecretSourceException TRANSIENT when one read failed transiently, or the thread was interrupted
   */
  Map<String, SecretVersion> fetch(Collection<String> names) throws SecretSourceException {
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(names));
    Map<String, SecretVersion> result = new LinkedHashMap<>();
    for (int from = 0; from < unique.size(); from += WINDOW) {
      readWindow(unique.subList(from, Math.min(unique.size(), from + WINDOW)), result);
    }
    return result;
  }

  private void readWindow(List<String> window, Map<String, SecretVersion> result) throws SecretSourceException {
    Map<String, ApiFuture<AccessSecretVersionResponse>> inFlight = new LinkedHashMap<>();
    Map<String, String> resources = new LinkedHashMap<>();
    for (String name : window) {
      String secret = settings.secretId(name);
      if (secret == null) {
        continue; // fetched alone, it reports its own error
      }
      String resource = SecretNames.version(settings.parent() + "/secrets/" + secret, settings.currentVersion());
      resources.put(name, resource);
      inFlight.put(name, calls.client(name).accessSecretVersionCallable()
          .futureCall(AccessSecretVersionRequest.newBuilder().setName(resource).build()));
    }
    SecretSourceException failure = null;
    for (Map.Entry<String, ApiFuture<AccessSecretVersionResponse>> f : inFlight.entrySet()) {
      String name = f.getKey();
      String resource = resources.get(name);
      if (failure != null) {
        f.getValue().cancel(true);
        continue;
      }
      try {
        result.put(name, payloads.toVersion(name, resource, f.getValue().get(), SecretVersion.Stage.CURRENT));
      } catch (SecretSourceException e) {
        failure = e.kind() == Kind.TRANSIENT ? e : null;
      } catch (ExecutionException e) {
        SecretSourceException mapped = e.getCause() instanceof ApiException
            ? GcpErrors.map((ApiException) e.getCause(), name, resource, settings)
            : GcpErrors.unexpected(e.getCause() instanceof RuntimeException
                ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause()), name, settings);
        failure = mapped.kind() == Kind.TRANSIENT ? mapped : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        inFlight.values().forEach(pending -> pending.cancel(true));
        throw new SecretSourceException(Kind.TRANSIENT, "reading secrets from " + settings.id()
            + " was interrupted", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
