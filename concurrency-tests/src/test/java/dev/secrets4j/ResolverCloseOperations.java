package dev.secrets4j;

import org.jetbrains.lincheck.datastructures.Operation;

/** {@link ResolverOperations} with {@code close()} among them: after it, no read may return a value. */
public class ResolverCloseOperations extends ResolverOperations {
  @Operation
  public void close() {
    r.secrets.close();
  }
}
