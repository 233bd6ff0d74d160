package dev.secrets4j.gcp.internal;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's one way to the store: the client, made on first use (so creating a source does no I/O), and every
 * call through it with the store's failures mapped by {@link GcpErrors}. Closes the client with the source when the
 * source made it.
 */
final class StoreCalls implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GcpSecretSource.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** Makes the client on first use. */
  interface ClientFactory {
    SecretManagerServiceClient create() throws IOException;
  }

  /** One call of the client. */
  interface Call<T> {
    T on(SecretManagerServiceClient client);
  }

  private final GcpSourceSettings settings;
  private final ClientFactory factory;
  private final boolean ownsClient;
  private final Object lock = new Object();
  private volatile SecretManagerServiceClient client;
  private volatile boolean closed;

  StoreCalls(GcpSourceSettings settings, ClientFactory factory, boolean ownsClient) {
    this.settings = settings;
    this.factory = factory;
    this.ownsClient = ownsClient;
  }

  /**
   * Runs {@code call} for secret {@code name} (store resource {@code resource}).
   *
   * @throws SecretSourceException the store's failure, mapped; or the client could not be made
   */
  <T> T call(String name, String resource, Call<T> call) throws SecretSourceException {
    SecretManagerServiceClient c = client(name);
    try {
      return call.on(c);
    } catch (ApiException e) {
      throw GcpErrors.map(e, name, resource, settings);
    } catch (RuntimeException e) {
      throw GcpErrors.unexpected(e, name, settings);
    }
  }

  /**
   * The client, made on the first call.
   *
   * @throws SecretSourceException PERMANENT once the source is closed; ACCESS_DENIED when no client can be made
   *     (no Application Default Credentials)
   */
  SecretManagerServiceClient client(String name) throws SecretSourceException {
    SecretManagerServiceClient c = client;
    if (c != null) {
      return c;
    }
    synchronized (lock) {
      if (closed) {
        throw new SecretSourceException(Kind.PERMANENT, "reading secret '" + name + "' from " + settings.id()
            + " failed: the source is closed");
      }
      if (client == null) {
        try {
          client = factory.create();
        } catch (IOException e) {
          throw new SecretSourceException(Kind.ACCESS_DENIED, "reading secret '" + name + "' from " + settings.id()
              + " failed: no Secret Manager client could be made: " + e.getMessage() + "; provide Application "
              + "Default Credentials (gcloud auth application-default login, GOOGLE_APPLICATION_CREDENTIALS, or "
              + "a service account when running on Google Cloud), or inject a client with GcpSecretSources", e);
        } catch (RuntimeException e) {
          throw GcpErrors.unexpected(e, name, settings);
        }
      }
      return client;
    }
  }

  /** Closes the client if this source made it; waits at most 5 s for calls in flight. Never throws. */
  @Override
  public void close() {
    SecretManagerServiceClient c;
    synchronized (lock) {
      closed = true;
      c = client;
      client = null;
    }
    if (c == null || !ownsClient) {
      return;
    }
    try {
      c.close();
      if (!c.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        c.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.shutdownNow();
    } catch (RuntimeException e) {
      LOG.debug("closing the Secret Manager client of {} failed: {}", settings.id(), e.getClass().getName());
    }
  }
}
