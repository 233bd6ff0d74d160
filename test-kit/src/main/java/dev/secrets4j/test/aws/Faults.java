package dev.secrets4j.test.aws;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The injected {@link Fault}s in the order added, each with the number of calls it has left, and held requests. */
final class Faults {
  private final List<Active> faults = new ArrayList<>();
  private volatile CountDownLatch hangRelease = new CountDownLatch(1);

  synchronized void add(Fault fault) {
    faults.add(new Active(fault));
  }

  synchronized void clear() {
    faults.clear();
  }

  /** The latch a {@link Fault#hang()} waits on. */
  CountDownLatch hangRelease() {
    return hangRelease;
  }

  void releaseHangs() {
    CountDownLatch prior = hangRelease;
    hangRelease = new CountDownLatch(1);
    prior.countDown();
  }

  /**
   * The first fault matching a call of {@code op} about {@code secretId}, counted as played, or null. A member of a
   * batch only meets error faults narrowed to its own secret.
   */
  synchronized Fault take(String op, String secretId, boolean batchMember) {
    for (Iterator<Active> it = faults.iterator(); it.hasNext(); ) {
      Active a = it.next();
      Fault f = a.fault;
      if (f.operation() != null && !f.operation().equals(op)) {
        continue;
      }
      if (batchMember) {
        if (f.secretId() == null || !f.secretId().equals(secretId) || f.kind() != Fault.Kind.ERROR) {
          continue;
        }
      } else if (f.secretId() != null && !f.secretId().equals(secretId)) {
        continue;
      }
      if (f.times() != Integer.MAX_VALUE && --a.remaining <= 0) {
        it.remove();
      }
      return f;
    }
    return null;
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
