package dev.secrets4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits hostnames, URIs and names into whole lower-case tokens on {@code - . _ / :} and digits. */
public final class Tokens {
  private Tokens() {}

  /**
   * {@link #of} that also splits camelCase words where a lower-case letter meets an upper-case one:
   * {@code "contosoProdVault"} → {@code [contoso, prod, vault]}, {@code "ProdSecrets/"} → {@code [prod, secrets]}.
   * For URIs and tags; hostnames are case-insensitive and use {@link #of}.
   */
  public static List<String> words(String text) {
    if (text == null) {
      return new ArrayList<>();
    }
    StringBuilder split = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(text.charAt(i - 1))) {
        split.append(' ');
      }
      split.append(c);
    }
    return of(split.toString());
  }

  /** {@code "api-prod-3.internal"} → {@code [api, prod, internal]}. */
  public static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    StringBuilder sb = new StringBuilder();
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c >= 'a' && c <= 'z') {
        sb.append(c);
      } else if (sb.length() > 0) {
        out.add(sb.toString());
        sb.setLength(0);
      }
    }
    if (sb.length() > 0) {
      out.add(sb.toString());
    }
    return out;
  }
}
