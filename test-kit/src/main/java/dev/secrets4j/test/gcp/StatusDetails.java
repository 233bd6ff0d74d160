package dev.secrets4j.test.gcp;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;

/** Statuses with {@code google.rpc} details in the {@code grpc-status-details-bin} trailer, as Google's services send. */
final class StatusDetails {
  private StatusDetails() {}

  /** {@code code} with {@code description} and a {@code google.rpc.RetryInfo} of {@code retryDelay}. */
  static StatusRuntimeException withRetryInfo(Status.Code code, String description, Duration retryDelay) {
    RetryInfo retry = RetryInfo.newBuilder()
        .setRetryDelay(com.google.protobuf.Duration.newBuilder()
            .setSeconds(retryDelay.getSeconds()).setNanos(retryDelay.getNano()))
        .build();
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(code.value())
        .setMessage(description)
        .addDetails(Any.pack(retry))
        .build();
    return StatusProto.toStatusRuntimeException(status);
  }
}
