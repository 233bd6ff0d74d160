package dev.secrets4j.aws.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerServiceClientConfiguration;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;

/**
 * A Secrets Manager client that is built on a thread of its own while the caller goes on. In a cold JVM the SDK's
 * client builder is most of the time to the first secret (about half a second, on one core); the resolver's own
 * set-up and the first read's bookkeeping run meanwhile on another. Every call waits until the client is built; a
 * failure to build it is thrown by every call, as the SDK threw it. The build does no network I/O.
 */
final class BackgroundClient implements SecretsManagerClient {
  private final FutureTask<SecretsManagerClient> building;

  private BackgroundClient(FutureTask<SecretsManagerClient> building) {
    this.building = building;
  }

  /** Starts {@code build} on a daemon thread named {@code threadName}, with the caller's context class loader. */
  static BackgroundClient start(Callable<SecretsManagerClient> build, String threadName) {
    FutureTask<SecretsManagerClient> task = new FutureTask<>(build);
    Thread thread = new Thread(task, threadName);
    thread.setDaemon(true);
    thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    thread.start();
    return new BackgroundClient(task);
  }

  /** The built client, waiting for it (uninterruptibly: the build is bounded and does no I/O on the network). */
  SecretsManagerClient client() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return building.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException("building the Secrets Manager client failed", cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
    return client().getSecretValue(request);
  }

  @Override
  public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
    return client().describeSecret(request);
  }

  @Override
  public BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest request) {
    return client().batchGetSecretValue(request);
  }

  @Override
  public ListSecretsResponse listSecrets(ListSecretsRequest request) {
    return client().listSecrets(request);
  }

  @Override
  public SecretsManagerServiceClientConfiguration serviceClientConfiguration() {
    return client().serviceClientConfiguration();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  /** Closes the client once it is built; a client whose build failed has nothing to close. */
  @Override
  public void close() {
    SecretsManagerClient built;
    try {
      built = client();
    } catch (RuntimeException e) {
      return;
    }
    built.close();
  }
}
