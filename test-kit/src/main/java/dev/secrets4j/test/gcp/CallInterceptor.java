package dev.secrets4j.test.gcp;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In front of the service: counts every call per method, records its resource name, throttles calls over their
 * {@link Quotas quota}, and plays the first matching {@link Fault} instead of the answer.
 */
final class CallInterceptor implements ServerInterceptor {
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Active> faults = new ArrayList<>();
  final Quotas quotas = new Quotas();

  synchronized void add(Fault fault) {
    faults.add(new Active(fault));
  }

  synchronized void clearFaults() {
    faults.clear();
  }

  int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  int total() {
    return total.get();
  }

  List<String> requests() {
    return List.copyOf(requests);
  }

  void reset() {
    calls.clear();
    total.set(0);
    requests.clear();
  }

  private synchronized Fault take(String method, String resource) {
    for (Iterator<Active> it = faults.iterator(); it.hasNext(); ) {
      Active a = it.next();
      if (!a.fault.matches(method, resource)) {
        continue;
      }
      if (a.fault.times() != Integer.MAX_VALUE && --a.remaining <= 0) {
        it.remove();
      }
      return a.fault;
    }
    return null;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
      ServerCallHandler<ReqT, RespT> next) {
    String method = call.getMethodDescriptor().getBareMethodName();
    calls.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
    total.incrementAndGet();
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT>(next.startCall(call, headers)) {
      private boolean intercepted;

      @Override
      public void onMessage(ReqT message) {
        String resource = resourceOf(message);
        requests.add(method + " " + resource);
        StatusRuntimeException over = quotas.admit(method);
        if (over != null) {
          intercepted = true;
          call.close(over.getStatus(), over.getTrailers());
          return;
        }
        Fault f = take(method, resource);
        if (f == null) {
          super.onMessage(message);
          return;
        }
        intercepted = true;
        if (f.code() != null) {
          String description = f.description() != null ? f.description() : "injected " + f.code() + " for " + resource;
          if (f.retryDelay() == null) {
            call.close(Status.fromCode(f.code()).withDescription(description), new Metadata());
          } else {
            StatusRuntimeException e = StatusDetails.withRetryInfo(f.code(), description, f.retryDelay());
            call.close(e.getStatus(), e.getTrailers());
          }
        }
        // no code: never answer; the client's deadline ends the call
      }

      @Override
      public void onHalfClose() {
        if (!intercepted) {
          super.onHalfClose();
        }
      }
    };
  }

  /** The {@code name} or {@code parent} of a request: the resource it is about. */
  private static String resourceOf(Object message) {
    if (!(message instanceof Message)) {
      return "";
    }
    Message m = (Message) message;
    for (String field : List.of("name", "parent")) {
      Descriptors.FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
      if (f != null) {
        return String.valueOf(m.getField(f));
      }
    }
    return "";
  }

  private static final class Active {
    final Fault fault;
    int remaining;

    Active(Fault fault) {
      this.fault = fault;
      this.remaining = fault.times();
    }
  }
}
