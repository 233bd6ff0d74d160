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
  /** The region in the ARNs of this store's secrets. */
  final String region;
  /** The secrets of the server's own account, by name. */
  final Map<String, StoredSecret> secrets = new LinkedHashMap<>();
  /** Secrets of other accounts, shared with this one, by ARN; reachable only by their (full or partial) ARN. */
  final Map<String, StoredSecret> otherAccounts = new LinkedHashMap<>();
  /** Secret name to the actions refused on it; {@code *} refuses every action. */
  final Map<String, Set<String>> deniedActions = new ConcurrentHashMap<>();
  private volatile Clock clock = Clock.systemUTC();
  /** How far {@code ListSecrets} lags behind changes; zero: it shows every change at once. */
  volatile java.time.Duration listingLag = java.time.Duration.ZERO;

  Store(String region) {
    this.region = Objects.requireNonNull(region, "region");
  }

  void clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * The secret {@code secretId} names, scheduled for deletion or not: a name of the server's own account, or a full
   * ARN, or a partial ARN (without the six-character suffix) of this or another account.
   */
  StoredSecret find(String secretId) throws AwsError {
    StoredSecret s = secretId.startsWith("arn:") ? null : secrets.get(secretId);
    if (s != null) {
      return s;
    }
    if (secretId.startsWith("arn:")) {
      for (Map<String, StoredSecret> pool : java.util.List.of(secrets, otherAccounts)) {
        for (StoredSecret candidate : pool.values()) {
          if (candidate.hasArn(secretId)) {
            return candidate;
          }
        }
      }
    }
    throw AwsError.notFound("Secrets Manager can't find the specified secret.");
  }

  /** The secret {@code secretId} names, refused when it is scheduled for deletion. */
  StoredSecret live(String secretId) throws AwsError {
    StoredSecret s = find(secretId);
    if (s.deletedDate != null) {
      throw new AwsError(400, "InvalidRequestException", "You can't perform this operation on the secret because it "
          + "was marked for deletion.");
    }
    return s;
  }

  void checkAccess(StoredSecret s, String action) throws AwsError {
    Set<String> denied = deniedActions.get(s.name);
    if (denied != null && (denied.contains("*") || denied.contains(action))) {
      throw AwsError.denied(action, s.arn);
    }
  }

  void deny(String secretName, String action) {
    deniedActions.computeIfAbsent(secretName, k -> ConcurrentHashMap.newKeySet()).add(action);
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
