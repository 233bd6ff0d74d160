package dev.secrets4j;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The smallest thread-safe store the concurrency tests need: versions {@code v1, v2, ...} per secret ({@link #put}
 * makes a new current one), an outage ({@link #fail()} / {@link #heal()}: every call answers TRANSIENT), and a
 * revocation ({@link #revoke}: every call for that secret answers NOT_FOUND, as a deleted secret does). It keeps no
 * history the resolver may ask for ({@link #keepsVersionHistory()} is false), but answers PREVIOUS like a store that
 * labels the version before the current one. Every method holds the store's monitor: each is one atomic step.
 */
final class MemoryStore implements SecretSource {
  private final Map<String, List<String>> values = new HashMap<>();
  private final Set<String> revoked = new HashSet<>();
  private boolean failing;

  /** Makes {@code value} the current version of {@code name}; returns its number (1 for the first). */
  synchronized int put(String name, String value) {
    List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
    list.add(value);
    return list.size();
  }

  /** The number of the current version of {@code name}, 0 if none. */
  synchronized int current(String name) {
    List<String> list = values.get(name);
    return list == null ? 0 : list.size();
  }

  /** From now on every call fails TRANSIENT, until {@link #heal()}. */
  synchronized void fail() {
    failing = true;
  }

  /** Ends the outage. */
  synchronized void heal() {
    failing = false;
  }

  /** From now on every call for {@code name} answers NOT_FOUND (an operator deleted or disabled it). */
  synchronized void revoke(String name) {
    revoked.add(name);
  }

  static String versionId(int number) {
    return "v" + number;
  }

  @Override
  public String id() {
    return "memory:concurrency";
  }

  @Override
  public synchronized SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    List<String> list = check(name);
    int index;
    switch (selector.kind()) {
      case CURRENT:
        index = list.size() - 1;
        break;
      case PREVIOUS:
        index = list.size() - 2;
        break;
      default:
        index = Integer.parseInt(selector.versionId().substring(1)) - 1;
        break;
    }
    if (index < 0 || index >= list.size()) {
      throw new SecretSourceException(Kind.NOT_FOUND, "secret '" + name + "' has no " + selector + " in " + id());
    }
    return SecretVersion.of(versionId(index + 1), list.get(index));
  }

  @Override
  public synchronized Optional<String> currentVersionId(String name) throws SecretSourceException {
    return Optional.of(versionId(check(name).size()));
  }

  private List<String> check(String name) throws SecretSourceException {
    if (failing) {
      throw SecretSourceException.transientFailure(name, id(), "simulated outage", null);
    }
    List<String> list = values.get(name);
    if (list == null || revoked.contains(name)) {
      throw SecretSourceException.notFound(name, id());
    }
    return list;
  }
}
