package dev.secrets4j.spi;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link java.util.ServiceLoader} plug-in that adds credential formats to the live/test-key guards.
 * Register it in {@code META-INF/services/dev.secrets4j.spi.CredentialPatterns}.
 */
public interface CredentialPatterns {
  /** The formats this plug-in contributes. */
  List<Format> patterns();

  /**
   * A recognisable credential format that tells live keys from test keys ({@code sk_live_…} vs
   * {@code sk_test_…}). The guards refuse live keys outside production and warn about test keys in it.
   * Contribute more through {@link CredentialPatterns} and {@link java.util.ServiceLoader}.
   *
   * <p>A format is a regular expression ({@link #live(String, String)}) or a token with a fixed prefix
   * ({@link #liveToken(String, String, int)}); the second is checked without a regular expression, so it costs
   * nothing to create and little to check: prefer it where it fits.
   */
  final class Format {
    private final String name;
    private final boolean live;
    /** The regular expression, or null for a prefixed token. */
    private final Pattern pattern;
    private final String prefix;
    private final int minTail;

    private Format(String name, boolean live, Pattern pattern, String prefix, int minTail) {
      this.name = Objects.requireNonNull(name, "name");
      this.live = live;
      this.pattern = pattern;
      this.prefix = prefix;
      this.minTail = minTail;
    }

    /**
     * A live (production) credential format; {@code regex} is searched anywhere in the value.
     *
     * @throws java.util.regex.PatternSyntaxException if {@code regex} is not a regular expression
     */
    public static Format live(String name, String regex) {
      return new Format(name, true, Pattern.compile(regex), null, 0);
    }

    /**
     * A test (sandbox) credential format; {@code regex} is searched anywhere in the value.
     *
     * @throws java.util.regex.PatternSyntaxException if {@code regex} is not a regular expression
     */
    public static Format test(String name, String regex) {
      return new Format(name, false, Pattern.compile(regex), null, 0);
    }

    /**
     * A live credential that is a token: {@code prefix}, not preceded by an ASCII letter or digit, followed by at
     * least {@code minTail} ASCII letters or digits. The same as the regular expression
     * {@code (?<![A-Za-z0-9])PREFIX[0-9A-Za-z]{minTail,}} (the prefix taken literally), checked without one.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code prefix} is empty or {@code minTail} is negative
     */
    public static Format liveToken(String name, String prefix, int minTail) {
      return new Format(name, true, null, checkPrefix(prefix, minTail), minTail);
    }

    /**
     * A test credential that is a token, as {@link #liveToken(String, String, int)} describes.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code prefix} is empty or {@code minTail} is negative
     */
    public static Format testToken(String name, String prefix, int minTail) {
      return new Format(name, false, null, checkPrefix(prefix, minTail), minTail);
    }

    private static String checkPrefix(String prefix, int minTail) {
      if (Objects.requireNonNull(prefix, "prefix").isEmpty()) {
        throw new IllegalArgumentException("a token format needs a prefix; use live(name, regex) for others");
      }
      if (minTail < 0) {
        throw new IllegalArgumentException("minTail must not be negative, was " + minTail);
      }
      return prefix;
    }

    /** A short name for messages: {@code Stripe live secret key}. */
    public String name() {
      return name;
    }

    /** True for a live (production) format, false for a test one. */
    public boolean isLive() {
      return live;
    }

    /** True when the format occurs in {@code value}. */
    public boolean matches(CharSequence value) {
      if (pattern != null) {
        return pattern.matcher(value).find();
      }
      String text = value.toString();
      for (int at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
        if ((at == 0 || !isAsciiAlnum(text.charAt(at - 1))) && tailAt(text, at + prefix.length()) >= minTail) {
          return true;
        }
      }
      return false;
    }

    /** How many ASCII letters and digits follow from {@code from}, counting up to {@link #minTail}. */
    private int tailAt(String text, int from) {
      int n = 0;
      while (n < minTail && from + n < text.length() && isAsciiAlnum(text.charAt(from + n))) {
        n++;
      }
      return n;
    }

    private static boolean isAsciiAlnum(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    @Override
    public String toString() {
      return (live ? "live" : "test") + " credential pattern '" + name + "'";
    }
  }
}
