package dev.secrets4j;

import org.jetbrains.lincheck.datastructures.Operation;

/** {@link ResolverOperations} with an explicit refresh that may run while the tick refreshes the same secret. */
public class RefreshDuringTickOperations extends ResolverOperations {
  @Operation
  public String refreshAnyTime() {
    return refresh();
  }

  /** The specification: the same as {@code refresh()}. */
  public static class Specification extends ResolverSpecification {
    public String refreshAnyTime() {
      return refresh();
    }
  }
}
