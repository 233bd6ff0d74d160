package dev.secrets4j.test;

import dev.secrets4j.AccessContext;
import dev.secrets4j.AuditEvent;
import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import dev.secrets4j.SecretsBuilder;
import dev.secrets4j.spi.SecretSourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One test's secrets: an in-memory store, a resolver over it on a {@link FakeTicker}, the audit events it emitted,
 * and a check that no value leaked. Given to tests by {@link Secrets4jTest}; fresh for every test and closed after
 * it.
 *
 * <p>The resolver is built the first time it is needed, for the test's environment ({@link SecretsEnvironment},
 * default {@code development}), with the library's defaults except what makes a test deterministic: time moves
 * only with {@link #advance(Duration)}, which also runs the resolver's maintenance tick (refresh ahead, backoff,
 * staleness limit, audit flush); background refreshes run on that same thread; audit hooks run on the reader's
 * thread, so {@link #auditEvents()} holds every event of a read as soon as the read returns, one event per read,
 * hits included.
 *
 * <p>Not thread-safe for setup; the resolver itself is as thread-safe as in production.
 */
public final class TestSecrets {
  private final String environment;
  private final FakeTicker ticker = new FakeTicker();
  private final InMemorySecretSource store = InMemorySecretSource.create();
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private final List<Runnable> ticks = new CopyOnWriteArrayList<>();
  private final List<Secrets> resolvers = new ArrayList<>();
  private final ConsoleCapture console = ConsoleCapture.start();
  private Secrets secrets;

  TestSecrets(String environment) {
    this.environment = environment;
  }

  /** The test's environment name or alias, as given to {@link SecretsEnvironment}. */
  public String environmentName() {
    return environment;
  }

  /**
   * The test's resolver, built on first use.
   *
   * @throws dev.secrets4j.SecretException when the build is refused (a guard, a bad environment name)
   */
  public synchronized Secrets secrets() {
    if (secrets == null) {
      secrets = newResolver(UnaryOperator.identity());
    }
    return secrets;
  }

  /**
   * Reads {@code name} through the test's resolver: {@code secrets().get(name)}.
   *
   * @throws dev.secrets4j.SecretException as {@link Secrets#get(String)} does
   */
  public Secret get(String name) {
    return secrets().get(name);
  }

  /**
   * Reads {@code name} through the test's resolver: {@code secrets().get(name, access)}.
   *
   * @throws dev.secrets4j.SecretException as {@link Secrets#get(String, AccessContext)} does
   */
  public Secret get(String name, AccessContext access) {
    return secrets().get(name, access);
  }

  /**
   * Another resolver on the same store, ticker and audit trail, set up like {@link #secrets()} and then by
   * {@code customizer} (a guard mode, a refresh interval, a manifest). Closed after the test; {@link #advance}
   * ticks it too.
   *
   * @throws NullPointerException if {@code customizer} is null
   * @throws dev.secrets4j.SecretException when the build is refused
   * @throws IllegalStateException if the customizer sets what the test kit sets (ticker, clock, executor, source)
   */
  public synchronized Secrets newResolver(UnaryOperator<SecretsBuilder> customizer) {
    Objects.requireNonNull(customizer, "customizer");
    SecretsBuilder builder = Secrets.builder()
        .environment(environment)
        .source(store)
        .ticker(ticker)
        .clock(ticker.clock())
        .executor(Runnable::run)
        .manualMaintenance(ticks::add)
        .auditFailClosed()
        .auditHook(events::add);
    Secrets built = customizer.apply(builder).build();
    resolvers.add(built);
    return built;
  }

  /**
   * Stores {@code value} as the current version of {@code name}, creating the secret or replacing its value, as an
   * operator seeding a store would. Returns the new version id.
   *
   * @throws NullPointerException if an argument is null
   */
  public String put(String name, String value) {
    Objects.requireNonNull(value, "value");
    return store.put(name, value);
  }

  /**
   * Rotates {@code name} in the store, as a rotation job would: {@code value} becomes the current version and the
   * old one the previous. The resolver notices at its next refresh ({@link #advance} past refresh-after, 5 minutes
   * by default, or {@code secrets().refresh(name)}), and then tells its rotation listeners. Returns the new
   * version id.
   *
   * @throws IllegalStateException if {@code name} does not exist in the store yet (use {@link #put})
   * @throws NullPointerException if an argument is null
   */
  public String rotate(String name, String value) {
    Objects.requireNonNull(value, "value");
    if (!exists(name)) {
      throw new IllegalStateException("secret '" + name + "' is not in the test store; put it before rotating it");
    }
    return store.put(name, value);
  }

  /** Deletes {@code name} and its versions from the store. */
  public void delete(String name) {
    store.delete(name);
  }

  /**
   * Makes every store call fail with {@code kind} until {@link #heal()}: {@code TRANSIENT} for an outage, the
   * others for the store's definitive answers.
   *
   * @throws NullPointerException if {@code kind} is null
   */
  public void failStore(SecretSourceException.Kind kind) {
    store.failWith(kind);
  }

  /** Ends a failure started by {@link #failStore}. */
  public void heal() {
    store.recover();
  }

  /**
   * Moves time forward by {@code duration} and runs one maintenance tick of every resolver of this test, so what
   * is due by then (refresh ahead, a backoff retry, the staleness limit, the audit flush) happens before this
   * method returns.
   *
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward; got " + duration);
    }
    ticker.advance(duration);
    ticks.forEach(Runnable::run);
  }

  /** The ticker and clock every resolver of this test uses. */
  public FakeTicker ticker() {
    return ticker;
  }

  /** How many single-secret reads reached the store (batch reads not included). */
  public long storeCalls() {
    return store.fetchCount();
  }

  /** The test's store, for what this class does not wrap (metadata, disabling one version). */
  public InMemorySecretSource store() {
    return store;
  }

  /** Every audit event the test's resolvers emitted so far, oldest first. */
  public List<AuditEvent> auditEvents() {
    return List.copyOf(events);
  }

  /** The audit events of {@code name} (the name as read, {@code db#password} included), oldest first. */
  public List<AuditEvent> auditEvents(String name) {
    List<AuditEvent> out = new ArrayList<>();
    for (AuditEvent e : events) {
      if (e.secretName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Fails when {@code value} appears anywhere the library could leak it during this test: what was written to
   * standard output and standard error (where console logging, SLF4J's simple provider and logback's console
   * appender, write), every audit event, the resolvers' {@code toString}, and the message, {@code toString} and
   * causes of each of {@code thrown}. The failure message says where, never the value itself.
   *
   * @throws AssertionError if the value was found
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public void assertNoLeak(String value, Throwable... thrown) {
    LeakSearch search = new LeakSearch(value);
    search.in("standard output or standard error", console.captured());
    for (AuditEvent e : events) {
      search.in("audit event " + e.outcome() + " of " + e.secretName(), e.toString() + " " + e.detail().orElse(""));
    }
    for (Secrets s : resolvers) {
      search.in("a resolver's toString", s.toString());
    }
    for (Throwable t : thrown) {
      search.in(t);
    }
    search.failIfFound();
  }

  private boolean exists(String name) {
    try {
      store.fetch(name, dev.secrets4j.spi.VersionSelector.CURRENT);
      return true;
    } catch (SecretSourceException e) {
      return e.kind() != SecretSourceException.Kind.NOT_FOUND;
    }
  }

  synchronized void close() {
    try {
      for (Secrets s : resolvers) {
        s.close();
      }
    } finally {
      InMemorySecretSource.forgetNamed();
      console.stop();
    }
  }

  @Override
  public String toString() {
    return "TestSecrets[" + environment + ", " + resolvers.size() + " resolver(s), " + events.size()
        + " audit event(s)]";
  }
}
