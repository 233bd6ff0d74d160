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
   */
  final class Format {
    private final String name;
    private final boolean live;
    private final Pattern pattern;

    private Format(String name, boolean live, Pattern pattern) {
      this.name = name;
      this.live = live;
      this.pattern = pattern;
    }

    /** A live (production) credential format; {@code regex} is searched anywhere in the value. */
    public static Format live(String name, String regex) {
      return new Format(Objects.requireNonNull(name, "name"), true, Pattern.compile(regex));
    }

    /** A test (sandbox) credential format; {@code regex} is searched anywhere in the value. */
    public static Format test(String name, String regex) {
      return new Format(Objects.requireNonNull(name, "name"), false, Pattern.compile(regex));
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
      return pattern.matcher(value).find();
    }

    @Override
    public String toString() {
      return (live ? "live" : "test") + " credential pattern '" + name + "'";
    }
  }
}
