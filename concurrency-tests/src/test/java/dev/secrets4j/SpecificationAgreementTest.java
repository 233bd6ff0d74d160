package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The specification and the resolver agree when nothing runs concurrently: thousands of random sequences of the
 * operations, each run on both, give the same result at every step. (Lincheck's check of concurrent runs assumes
 * this; a disagreement here is a wrong specification or a sequential bug, found without any interleaving.)
 */
class SpecificationAgreementTest {
  private static final String[] OPERATIONS = {
      "get", "getField", "refresh", "versions", "rotate", "fail", "heal", "tick", "close"};

  @Test
  void randomSequences_giveTheSpecificationsResults() throws Exception {
    Random random = new Random(20261201L);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int run = 0; run < 2_000; run++) {
      ResolverCloseOperations resolver = new ResolverCloseOperations();
      ResolverSpecification spec = new ResolverSpecification();
      List<String> done = new ArrayList<>();
      int length = 1 + random.nextInt(16);
      try {
        for (int i = 0; i < length; i++) {
          // close rarely: after it every read is the same refusal
          String op = OPERATIONS[random.nextInt(random.nextInt(10) == 0 ? OPERATIONS.length : OPERATIONS.length - 1)];
          Object expected = call(spec, op);
          Object actual = call(resolver, op);
          done.add(op + " -> " + actual);
          seen.add(op + " -> " + shape(Objects.toString(actual)));
          assertThat(Objects.toString(actual)).as("after %s", done).isEqualTo(Objects.toString(expected));
        }
      } finally {
        resolver.close();
      }
    }
    // the sequences reached the interesting states: rotations seen, two versions listed, outages refused, close
    assertThat(seen).contains("get -> v", "getField -> v", "refresh -> v", "versions -> [v,v]",
        "get -> unavailable", "versions -> unavailable", "get -> closed", "refresh -> closed");
  }

  /** The kind of a result: a value or a list of values without their ids and bytes, or the refusal. */
  private static String shape(String result) {
    return result.replaceAll("v\\d+=(\\{[^}]*\\}|p\\d+)", "v");
  }

  private static Object call(Object target, String op) throws Exception {
    Method m = target.getClass().getMethod(op);
    return m.invoke(target);
  }
}
