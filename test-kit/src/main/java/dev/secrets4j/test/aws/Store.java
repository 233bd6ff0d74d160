package dev.secrets4j.test.aws;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of one local server, the lookups every operation shares, and the IAM-style refusals. Every read or
 * write of {@link #secrets} holds {@link #lock}.
 */
final class Store {
  final Object lock = new Object();
  final Map<String, StoredSecret> secrets = new LinkedHashMap<>();
  final Set<String> deniedSecrets = ConcurrentHashMap.newKeySet();
  private volatile Clock clock = Clock.systemUTC();

  void clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The secret {@code secretId} names (by name or ARN), scheduled for deletion or not. */
  StoredSecret find(String secretId) throws AwsError {
    StoredSecret s = secrets.get(secretId);
    if (s != null) {
      return s;
    }
    for (StoredSecret candidate : secrets.values()) {
      if (candidate.arn.equals(secretId)) {
        return candidate;
      }
    }
    throw AwsError.notFound("Secrets Manager can't find the specified secret.");
  }

  /** The secret {@code secretId} names, refused when it is scheduled for deletion. */
  StoredSecret live(String secretId) throws AwsError {
    StoredSecret s = find(secretId);
    if (s.deletionDate != null) {
      throw new AwsError(400, "InvalidRequestException", "You can't perform this operation on the secret because it "
          + "was marked for deletion.");
    }
    return s;
  }

  void checkAccess(StoredSecret s, String action) throws AwsError {
    if (deniedSecrets.contains(s.name)) {
      throw AwsError.denied(action, s.arn);
    }
  }

  /** For the test controls: the secret named {@code name}, or an {@link IllegalArgumentException}. */
  StoredSecret require(String name) {
    StoredSecret s = secrets.get(Objects.requireNonNull(name, "name"));
    if (s == null) {
      throw new IllegalArgumentException("no secret " + name);
    }
    return s;
  }
}
