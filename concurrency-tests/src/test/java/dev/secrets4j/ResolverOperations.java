package dev.secrets4j;

import org.jetbrains.lincheck.datastructures.Operation;

/**
 * The resolver under test, as Lincheck sees it: one JSON secret {@code db} in a {@link MemoryStore}, read whole and
 * by field, refreshed, listed with its previous version, rotated and failed in the store, and ticked. Each
 * operation returns what a caller observed ({@link Outcomes}); {@link ResolverSpecification} says what a linearizable
 * resolver may return. The maintenance tick is never concurrent with itself (the resolver runs one at a time), nor
 * with {@code refresh()}; {@code versions()} never with the store's changes (see each).
 */
public class ResolverOperations {
  static final String NAME = "db";
  static final String FIELD = "db#password";

  final ManualResolver r;

  public ResolverOperations() {
    MemoryStore store = new MemoryStore();
    store.put(NAME, value(1));
    r = new ManualResolver(store);
  }

  /** The JSON value of version {@code n} of {@code db}. */
  static String value(int n) {
    return "{\"user\":\"app\",\"password\":\"p" + n + "\"}";
  }

  /** The {@code password} field of version {@code n}. */
  static String field(int n) {
    return "p" + n;
  }

  @Operation
  public String get() {
    return Outcomes.read(() -> r.secrets.get(NAME));
  }

  @Operation
  public String getField() {
    return Outcomes.read(() -> r.secrets.get(FIELD));
  }

  /**
   * Never concurrent with the tick: a refresh while the tick's refresh of the same secret is in flight returns the
   * stale value (a known core bug, {@link KnownFailuresTest}); {@link RefreshDuringTickOperations} runs them together.
   */
  @Operation(nonParallelGroup = "maintenance")
  public String refresh() {
    return Outcomes.read(() -> r.secrets.refresh(NAME, AccessContext.none()));
  }

  /**
   * Never concurrent with the store's changes: {@code versions()} is a read and then a second store call for the
   * previous version, and an outage (or two rotations) between the two is seen half (a known core bug,
   * {@link KnownFailuresTest}).
   */
  @Operation(nonParallelGroup = "store")
  public String versions() {
    return Outcomes.readAll(() -> r.secrets.versions(NAME));
  }

  @Operation(nonParallelGroup = "store")
  public void rotate() {
    MemoryStore store = r.store;
    synchronized (store) {
      store.put(NAME, value(store.current(NAME) + 1));
    }
  }

  @Operation(nonParallelGroup = "store")
  public void fail() {
    r.store.fail();
  }

  @Operation(nonParallelGroup = "store")
  public void heal() {
    r.store.heal();
  }

  @Operation(nonParallelGroup = "maintenance")
  public void tick() {
    r.tick();
  }
}
