package dev.secrets4j;

import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * What a read returned, as a comparable string: {@code v3=<value>} for a value (its version id and its bytes, read
 * at once, so a value and a version id from two versions would show), or the kind of refusal. Both the resolver's
 * operations and the specification speak this language.
 */
final class Outcomes {
  static final String CLOSED = "closed";
  static final String UNAVAILABLE = "unavailable";
  static final String NOT_FOUND = "not-found";

  private Outcomes() {}

  /** The outcome of one read. */
  static String read(Supplier<Secret> read) {
    try {
      return show(read.get());
    } catch (SecretUnavailableException e) {
      return UNAVAILABLE;
    } catch (SecretNotFoundException e) {
      return NOT_FOUND;
    } catch (IllegalStateException e) {
      return CLOSED;
    }
  }

  /** The outcome of a {@code versions()} call. */
  static String readAll(Supplier<List<Secret>> read) {
    try {
      StringJoiner out = new StringJoiner(",", "[", "]");
      for (Secret s : read.get()) {
        out.add(show(s));
      }
      return out.toString();
    } catch (SecretUnavailableException e) {
      return UNAVAILABLE;
    } catch (SecretNotFoundException e) {
      return NOT_FOUND;
    } catch (IllegalStateException e) {
      return CLOSED;
    }
  }

  /**
   * {@code versionId=value}. A value zeroed by {@code close()} throws {@link IllegalStateException} from
   * {@link Secret#asString()}: the reader got no value, which is what a read after close must give.
   */
  private static String show(Secret s) {
    return s.versionId() + "=" + s.asString();
  }

  /** The outcome the specification gives for version {@code n} of a value made by {@code value}. */
  static String of(int n, String value) {
    return MemoryStore.versionId(n) + "=" + value;
  }
}
