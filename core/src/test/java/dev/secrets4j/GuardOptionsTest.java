package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/** The rotation policy: its defaults' patterns (compiled at first use) and the builder's (compiled at once). */
class GuardOptionsTest {

  @Test
  void defaultCategories_compileAndSelectByName() {
    GuardOptions.RotationPolicy p = GuardOptions.RotationPolicy.defaults();
    for (GuardOptions.RotationPolicy.Category c : p.categories()) {
      assertThat(c.namePattern()).as(c.name()).isNotNull();
    }
    assertThat(category(p, "jwt-signing-key")).contains("signing-key");
    assertThat(category(p, "github-oauth-app")).contains("oauth-client-secret");
    assertThat(category(p, "database-credentials")).contains("database-password");
    assertThat(category(p, "smtp-password")).contains("database-password");
    assertThat(category(p, "stripe-api-key")).contains("api-key");
    assertThat(category(p, "feature-flags")).isEmpty();
  }

  @Test
  void withMaxAge_keepsTheCategorysPattern() {
    GuardOptions.RotationPolicy p = GuardOptions.RotationPolicy.defaults().withMaxAge("api-key", Duration.ofDays(30));
    assertThat(p.categoryOf("stripe-api-key", Optional.empty()).map(GuardOptions.RotationPolicy.Category::maxAge))
        .contains(Duration.ofDays(30));
  }

  @Test
  void aCategoryGivenInCode_isCompiledAtOnce() {
    assertThatThrownBy(() -> GuardOptions.RotationPolicy.builder().category("broken", Duration.ofDays(1), "(unclosed"))
        .isInstanceOf(PatternSyntaxException.class);
  }

  private static Optional<String> category(GuardOptions.RotationPolicy p, String name) {
    return p.categoryOf(name, Optional.empty()).map(GuardOptions.RotationPolicy.Category::name);
  }
}
