package dev.secrets4j.test.azure;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The injected {@link Fault}s in the order added, each with the number of requests it has left. */
final class Faults {
  private final List<Active> faults = new ArrayList<>();

  synchronized void add(Fault fault) {
    faults.add(new Active(fault));
  }

  synchronized void clear() {
    faults.clear();
  }

  /** The first fault matching a request of {@code op} about {@code name}, counted as played, or null. */
  synchronized Fault take(String op, String name) {
    for (Iterator<Active> it = faults.iterator(); it.hasNext(); ) {
      Active a = it.next();
      if (!a.fault.matches(op, name)) {
        continue;
      }
      if (a.fault.times() != Integer.MAX_VALUE && --a.remaining <= 0) {
        it.remove();
      }
      return a.fault;
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
