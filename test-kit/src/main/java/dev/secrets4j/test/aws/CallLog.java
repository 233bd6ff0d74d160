package dev.secrets4j.test.aws;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What reached the server: calls per operation, the last request of each, and who signed the last one. */
final class CallLog {
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final Map<String, Map<String, Object>> lastRequests = new ConcurrentHashMap<>();
  volatile String lastAccessKeyId;
  volatile String lastSigningRegion;

  void count(String op) {
    calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    total.incrementAndGet();
  }

  void request(String op, Map<String, Object> body) {
    lastRequests.put(op, Collections.unmodifiableMap(body));
  }

  int calls(String op) {
    AtomicInteger c = calls.get(op);
    return c == null ? 0 : c.get();
  }

  int total() {
    return total.get();
  }

  Map<String, Object> lastRequest(String op) {
    return lastRequests.getOrDefault(op, Map.of());
  }

  void reset() {
    calls.clear();
    total.set(0);
    lastRequests.clear();
  }
}
