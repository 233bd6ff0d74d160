package dev.secrets4j;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import kotlin.Unit;
import kotlin.reflect.KFunction;
import kotlin.reflect.jvm.ReflectJvmMapping;
import org.jetbrains.lincheck.datastructures.DSLScenarioBuilder;
import org.jetbrains.lincheck.datastructures.DSLThreadScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * The resolver is linearizable with respect to {@link ResolverSpecification}: every concurrent run of
 * {@link ResolverOperations} Lincheck tries can be explained by some sequential order of its operations, each
 * taking effect at one instant between its call and its return. Model checking explores interleavings at core's
 * shared-memory accesses, volatiles, locks and monitors systematically; stress runs the same kind of scenarios on
 * real threads. Both are bounded to keep {@code mvn verify} short: {@code -Dlincheck.iterations} and
 * {@code -Dlincheck.invocations} scale them (the module README has a longer campaign).
 *
 * <p>Two known core bugs are kept out of the passing runs and reproduced by the disabled tests below.
 */
class ResolverLincheckTest {
  private static final int ITERATIONS = Integer.getInteger("lincheck.iterations", 6);
  private static final int INVOCATIONS = Integer.getInteger("lincheck.invocations", 150);

  @Test
  void modelChecking_everyInterleavingIsLinearizable() {
    modelChecking(ResolverSpecification.class).check(ResolverOperations.class);
  }

  @Test
  void stress_realThreadsAreLinearizable() {
    new StressOptions()
        .iterations(ITERATIONS)
        .invocationsPerIteration(INVOCATIONS * 4)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(3)
        .actorsAfter(1)
        .sequentialSpecification(ResolverSpecification.class)
        .check(ResolverOperations.class);
  }

  /**
   * Known core bug: {@code refresh()} while the tick refreshes the same secret returns the stale value (the store
   * rotated before the call). The scenario: load, rotate; then the tick and a refresh at once.
   */
  @Test
  void modelChecking_refreshDuringTheTicksRefresh_isLinearizable() {
    modelChecking(RefreshDuringTickOperations.Specification.class)
        .iterations(0)
        .addCustomScenario(scenario(RefreshDuringTickOperations.class,
            new String[] {"get", "rotate"}, new String[] {"tick"}, new String[] {"refreshAnyTime"}))
        .check(RefreshDuringTickOperations.class);
  }

  /**
   * Known core bug: a read racing {@code close()} can return the value zeroed under it ({@code Secret.asString()}
   * checks the destroyed flag before copying the bytes, not after) instead of the value or a refusal; a field read
   * parses the zeroed bytes and reports invalid JSON. Stress finds it within this budget; model checking does not
   * switch inside the JDK's copy of the bytes.
   */
  @Test
  void stress_readsRacingClose_neverReturnAZeroedValue() {
    new StressOptions()
        .iterations(ITERATIONS * 4)
        .invocationsPerIteration(INVOCATIONS * 4)
        .threads(2)
        .actorsPerThread(2)
        .actorsBefore(1)
        .actorsAfter(1)
        .sequentialSpecification(ResolverSpecification.class)
        .check(ResolverCloseOperations.class);
  }

  /**
   * Model checking, with the libraries core builds on taken as correct: a call into Caffeine (the size bound) or
   * Jackson (a field's parsing) is one atomic step, so that the search spends its budget on core's own
   * interleavings.
   */
  static ModelCheckingOptions modelChecking(Class<?> specification) {
    return new ModelCheckingOptions()
        .iterations(ITERATIONS)
        .invocationsPerIteration(INVOCATIONS)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(3)
        .actorsAfter(1)
        // a thread waiting for an entry's lock spins in AbstractQueuedSynchronizer while the holder loads: not a hang
        .loopBound(10_000)
        .loopIterationsBeforeThreadSwitch(50)
        .addGuarantee(forClasses(c -> c.startsWith("com.github.benmanes.caffeine.")).allMethods().treatAsAtomic())
        .addGuarantee(forClasses(c -> c.startsWith("com.fasterxml.jackson.")).allMethods().treatAsAtomic())
        .addGuarantee(forClasses(c -> c.startsWith("org.slf4j.")).allMethods().ignore())
        // single-threaded helpers of core: name checks, backoff arithmetic (random jitter), the owned-values registry
        // (one monitor; weak references the collector clears when it likes), audit (no hook here), JSON fields
        .addGuarantee(forClasses(c -> c.startsWith("dev.secrets4j.internal.")).allMethods().treatAsAtomic())
        .addGuarantee(forClasses("dev.secrets4j.SecretNames", "dev.secrets4j.Backoff", "dev.secrets4j.OwnedSecrets",
            "dev.secrets4j.AuditTrail", "dev.secrets4j.AuditDispatcher").allMethods().treatAsAtomic())
        .addGuarantee(forClasses("dev.secrets4j.Secret").methods("field", "extractField").treatAsAtomic())
        .sequentialSpecification(specification);
  }

  /** A scenario: {@code initial} in order, then {@code first} and {@code second} on two threads at once. */
  static org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario scenario(Class<?> operations, String[] initial,
      String[] first, String[] second) {
    DSLScenarioBuilder b = new DSLScenarioBuilder();
    b.initial(t -> actors(t, operations, initial));
    b.parallel(p -> {
      p.thread(t -> actors(t, operations, first));
      p.thread(t -> actors(t, operations, second));
      return Unit.INSTANCE;
    });
    return b.buildScenario();
  }

  private static Unit actors(DSLThreadScenario thread, Class<?> operations, String[] names) {
    for (String name : names) {
      try {
        KFunction<?> f = ReflectJvmMapping.getKotlinFunction(operations.getMethod(name));
        thread.actor(f);
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException("no operation " + name + " in " + operations.getName(), e);
      }
    }
    return Unit.INSTANCE;
  }
}
