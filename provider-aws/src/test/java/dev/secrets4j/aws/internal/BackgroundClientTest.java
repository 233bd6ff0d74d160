package dev.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** The source's client is built on a thread of its own; calls wait for it and see its failure. */
class BackgroundClientTest {
  /** A client that answers one value and records whether it was closed. */
  private static final class FakeClient implements SecretsManagerClient {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
      return GetSecretValueResponse.builder().name(request.secretId()).versionId("v1").build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void theBuild_runsOnADaemonThreadWithTheCallersClassLoader_andACallWaitsForIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> builder = new AtomicReference<>();
    FakeClient fake = new FakeClient();
    BackgroundClient client = BackgroundClient.start(() -> {
      builder.set(Thread.currentThread());
      release.await();
      return fake;
    }, "secrets4j-aws-client");

    CompletableFuture<String> call = CompletableFuture.supplyAsync(
        () -> client.getSecretValue(GetSecretValueRequest.builder().secretId("app/api-key").build()).versionId());
    assertThatThrownBy(() -> call.get(200, TimeUnit.MILLISECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class); // still building: the call waits
    release.countDown();

    assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
    assertThat(builder.get()).isNotSameAs(Thread.currentThread());
    assertThat(builder.get().isDaemon()).isTrue();
    assertThat(builder.get().getName()).isEqualTo("secrets4j-aws-client");
    assertThat(builder.get().getContextClassLoader()).isSameAs(Thread.currentThread().getContextClassLoader());
  }

  @Test
  void aFailedBuild_isThrownByEveryCall_asTheSdkThrewIt_andCloseHasNothingToClose() {
    SdkClientException failure = SdkClientException.create("Unable to load region");
    BackgroundClient client = BackgroundClient.start(() -> {
      throw failure;
    }, "secrets4j-aws-client");

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.getSecretValue(GetSecretValueRequest.builder().secretId("x").build()))
          .isSameAs(failure);
    }
    client.close(); // does not throw
  }

  @Test
  void close_closesTheBuiltClient() {
    FakeClient fake = new FakeClient();
    BackgroundClient client = BackgroundClient.start(() -> fake, "secrets4j-aws-client");

    client.close();

    assertThat(fake.closed).isTrue();
  }

  @Test
  void anInterruptedCaller_stillGetsTheClient_andKeepsItsInterrupt() {
    FakeClient fake = new FakeClient();
    BackgroundClient client = BackgroundClient.start(() -> fake, "secrets4j-aws-client");

    Thread.currentThread().interrupt();
    try {
      assertThat(client.client()).isSameAs(fake);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
