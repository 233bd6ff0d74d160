package dev.secrets4j;

import dev.secrets4j.spi.CredentialPatterns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The guards' settings, reached through {@link SecretsBuilder#guards()}; {@link #and()} returns to the
 * builder. Rules and defaults (numbered as in the README):
 * <ol>
 *   <li>a source URI carrying another environment's name: {@code REFUSE} at build;</li>
 *   <li>a store-side {@code environment} tag naming another environment: {@code REFUSE} on read;</li>
 *   <li>live credentials outside production: {@code REFUSE} on read;</li>
 *   <li>test credentials in production: {@code WARN} ({@code REFUSE} in strict mode);</li>
 *   <li>one source URI configured for several environments: {@code REFUSE} at build;</li>
 *   <li>a production read without principal and purpose: allowed unless {@link #requireAccessContextInProduction()};</li>
 *   <li>secret files readable by group or others: the file provider's {@code permissions=} parameter.</li>
 * </ol>
 * Overdue rotation ({@link #overdueRotation}) is warned in production by default, on first read and by
 * {@link Secrets#validate}; {@code REFUSE} makes it an error of the start-up validation.
 */
public final class GuardOptions {
  private final SecretsBuilder builder;
  private final GuardSettings settings;

  GuardOptions(SecretsBuilder builder, GuardSettings settings) {
    this.builder = builder;
    this.settings = settings;
  }

  /**
   * Guard 1: source URIs that name another environment.
   *
   * @throws NullPointerException if {@code mode} is null
   */
  public GuardOptions crossEnvironmentSource(Mode mode) {
    settings.crossEnvironmentSource = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Guard 2: store-side environment tags and labels.
   *
   * @throws NullPointerException if {@code mode} is null
   */
  public GuardOptions environmentTag(Mode mode) {
    settings.environmentTag = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Guard 3: live credentials outside production.
   *
   * @throws NullPointerException if {@code mode} is null
   */
  public GuardOptions liveCredentials(Mode mode) {
    settings.liveCredentials = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Guard 4: test credentials in production.
   *
   * @throws NullPointerException if {@code mode} is null
   */
  public GuardOptions testCredentialsInProduction(Mode mode) {
    settings.testCredentials = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Strict mode: test credentials in production are refused too. */
  public GuardOptions strict() {
    return testCredentialsInProduction(Mode.REFUSE);
  }

  /**
   * Guard 5: one source shared by several environments.
   *
   * @throws NullPointerException if {@code mode} is null
   */
  public GuardOptions sharedSource(Mode mode) {
    settings.sharedSource = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Guard 6: in production, a read without an identified {@link AccessContext} is denied (and audited DENIED). */
  public GuardOptions requireAccessContextInProduction() {
    settings.requireAccessContext = true;
    return this;
  }

  /**
   * Adds a credential format to the live/test guards (besides those found through ServiceLoader).
   *
   * @throws NullPointerException if {@code pattern} is null
   */
  public GuardOptions credentialPattern(CredentialPatterns.Format pattern) {
    settings.extraPatterns.add(Objects.requireNonNull(pattern, "pattern"));
    return this;
  }

  /**
   * The rotation-age policy. Default {@link RotationPolicy#defaults()}.
   *
   * @throws NullPointerException if {@code policy} is null
   */
  public GuardOptions rotationPolicy(RotationPolicy policy) {
    settings.rotationPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * What overdue secrets do in production: WARN by default; REFUSE makes them errors of the start-up validation.
   *
   * @throws NullPointerException if {@code mode} is null
   */
  public GuardOptions overdueRotation(Mode mode) {
    settings.overdueRotation = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Back to the builder. */
  public SecretsBuilder and() {
    return builder;
  }

  /** What a guard does when its rule is broken. */
  public enum Mode {
    /** Refuse with {@link EnvironmentViolationException} (or the exception the guard documents). */
    REFUSE,
    /** Log a warning naming the rule and the secret, never the value, and go on. */
    WARN,
    /** Do nothing. */
    OFF
  }

  /**
   * How old a secret may get before it is overdue for rotation, by category. A secret's category comes from
   * its store tag {@value #CATEGORY_TAG} when it has one, else from the first category whose name pattern
   * matches its name. Defaults follow common compliance practice: API keys 90 days, database passwords
   * 180, OAuth client secrets 365, signing keys 90. Age is measured from the store's last rotation, else its
   * last change, else its creation.
   */
  public static final class RotationPolicy {
    /** The store tag that names a secret's category. */
    public static final String CATEGORY_TAG = "rotation-category";

    /**
     * One category: a name, a maximum age and the secret-name pattern that selects it. The default policy's patterns
     * are compiled when first matched (a resolver that never checks rotation age never compiles them); those given
     * to {@link Builder#category} are compiled there, so a bad one fails at once.
     */
    public static final class Category {
      private final String name;
      private final Duration maxAge;
      private final String nameRegex;
      private volatile Pattern namePattern;

      private Category(String name, Duration maxAge, String nameRegex, Pattern namePattern) {
        this.name = name;
        this.maxAge = maxAge;
        this.nameRegex = nameRegex;
        this.namePattern = namePattern;
      }

      public String name() { return name; }
      public Duration maxAge() { return maxAge; }

      /** The pattern that must match the whole secret name. */
      public Pattern namePattern() {
        Pattern p = namePattern;
        if (p == null) {
          p = Pattern.compile(nameRegex);
          namePattern = p;
        }
        return p;
      }

      private Category withMaxAge(Duration d) {
        return new Category(name, d, nameRegex, namePattern);
      }

      @Override
      public String toString() {
        return name + " (" + maxAge.toDays() + " days)";
      }
    }

    private final List<Category> categories;

    private RotationPolicy(List<Category> categories) {
      this.categories = Collections.unmodifiableList(categories);
    }

    /** The default policy. */
    public static RotationPolicy defaults() {
      // compiled at the first match, not at every builder's creation (GuardOptionsTest compiles them all)
      List<Category> c = new ArrayList<>(4);
      c.add(new Category("signing-key", Duration.ofDays(90), "(?i).*(signing|jwt|hmac|webhook).*", null));
      c.add(new Category("oauth-client-secret", Duration.ofDays(365), "(?i).*(client[-_.]?secret|oauth).*", null));
      c.add(new Category("database-password", Duration.ofDays(180),
          "(?i).*(db|database|postgres|postgresql|mysql|mongo|redis|sql).*|(?i).*password.*", null));
      c.add(new Category("api-key", Duration.ofDays(90), "(?i).*(api[-_.]?key|token|key).*", null));
      return new RotationPolicy(c);
    }

    /** An empty builder; categories are tried in the order they are added. */
    public static Builder builder() {
      return new Builder();
    }

    /** The categories, in matching order. */
    public List<Category> categories() {
      return categories;
    }

    /** The category of a secret: by its {@value #CATEGORY_TAG} tag if given, else by name. */
    public Optional<Category> categoryOf(String secretName, Optional<String> tag) {
      if (tag.isPresent()) {
        String t = tag.get().trim().toLowerCase(Locale.ROOT);
        for (Category c : categories) {
          if (c.name.equals(t)) {
            return Optional.of(c);
          }
        }
      }
      for (Category c : categories) {
        if (c.namePattern().matcher(secretName).matches()) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }

    /** A copy of this policy with one category's maximum age changed. */
    public RotationPolicy withMaxAge(String category, Duration maxAge) {
      List<Category> out = new ArrayList<>();
      boolean found = false;
      for (Category c : categories) {
        if (c.name.equals(category)) {
          out.add(c.withMaxAge(Builder.positive(maxAge)));
          found = true;
        } else {
          out.add(c);
        }
      }
      if (!found) {
        throw new SecretConfigurationException("unknown rotation category '" + category + "'; valid: " + categories);
      }
      return new RotationPolicy(out);
    }

    @Override
    public String toString() {
      return "RotationPolicy" + categories;
    }

    /** Builds a {@link RotationPolicy}. */
    public static final class Builder {
      private final List<Category> categories = new ArrayList<>();

      private Builder() {}

      /** Adds a category; {@code nameRegex} must match the whole secret name. */
      public Builder category(String name, Duration maxAge, String nameRegex) {
        Objects.requireNonNull(name, "name");
        for (Category c : categories) {
          if (c.name.equals(name)) {
            throw new IllegalStateException("category " + name + " was already added");
          }
        }
        categories.add(new Category(name, positive(maxAge), nameRegex, Pattern.compile(nameRegex)));
        return this;
      }

      static Duration positive(Duration d) {
        Objects.requireNonNull(d, "maxAge");
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("maxAge must be positive, was " + d);
        }
        return d;
      }

      public RotationPolicy build() {
        return new RotationPolicy(new ArrayList<>(categories));
      }
    }
  }
}
