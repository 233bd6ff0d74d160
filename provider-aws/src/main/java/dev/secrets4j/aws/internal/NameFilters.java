package dev.secrets4j.aws.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code name} filter values of the {@code ListSecrets} calls that list a set of secrets: the source's prefix
 * alone when it has one (one filter covers every name under it), otherwise the secret ids themselves, at most
 * {@value #MAX_VALUES} a call (the most values one filter takes). The filter is a case-sensitive prefix match, so the
 * answer may hold other secrets too; the caller keeps only those it asked for. ARNs are not listed by name: they are
 * left for a read of their own.
 */
final class NameFilters {
  /** The most values one {@code ListSecrets} filter accepts. */
  static final int MAX_VALUES = 10;

  private NameFilters() {}

  /** One list of filter values per {@code ListSecrets} call; empty when nothing can be listed by name. */
  static List<List<String>> forCalls(String prefix, Collection<String> secretIds) {
    List<String> listable = new ArrayList<>();
    for (String id : secretIds) {
      if (!id.startsWith("arn:")) {
        listable.add(id);
      }
    }
    if (listable.isEmpty()) {
      return List.of();
    }
    if (!prefix.isEmpty()) {
      return List.of(List.of(prefix));
    }
    List<List<String>> calls = new ArrayList<>();
    for (int from = 0; from < listable.size(); from += MAX_VALUES) {
      calls.add(List.copyOf(listable.subList(from, Math.min(listable.size(), from + MAX_VALUES))));
    }
    return calls;
  }
}
