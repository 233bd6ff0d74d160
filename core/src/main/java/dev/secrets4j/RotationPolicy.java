package dev.secrets4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How old a secret may get before it is overdue for rotation, by category. A secret's category comes from
 * its store tag {@value #CATEGORY_TAG} when it has one, else from the first category whose name pattern
 * matches its name. Defaults follow common compliance practice: API keys 90 days, database passwords
 * 180, OAuth client secrets 365, signing keys 90. Age is measured from the store's last rotation, else its
 * last change, else its creation.
 */
public final class RotationPolicy {
  /** The store tag that names a secret's category. */
  public static final String CATEGORY_TAG = "rotation-category";

  /** One category: a name, a maximum age and the secret-name pattern that selects it. */
  public static final class Category {
    private final String name;
    private final Duration maxAge;
    private final Pattern namePattern;

    private Category(String name, Duration maxAge, Pattern namePattern) {
      this.name = name;
      this.maxAge = maxAge;
      this.namePattern = namePattern;
    }

    public String name() { return name; }
    public Duration maxAge() { return maxAge; }
    public Pattern namePattern() { return namePattern; }

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
    return builder()
        .category("signing-key", Duration.ofDays(90), "(?i).*(signing|jwt|hmac|webhook).*")
        .category("oauth-client-secret", Duration.ofDays(365), "(?i).*(client[-_.]?secret|oauth).*")
        .category("database-password", Duration.ofDays(180),
            "(?i).*(db|database|postgres|postgresql|mysql|mongo|redis|sql).*|(?i).*password.*")
        .category("api-key", Duration.ofDays(90), "(?i).*(api[-_.]?key|token|key).*")
        .build();
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
      if (c.namePattern.matcher(secretName).matches()) {
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
        out.add(new Category(c.name, Builder.positive(maxAge), c.namePattern));
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
      categories.add(new Category(name, positive(maxAge), Pattern.compile(nameRegex)));
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
