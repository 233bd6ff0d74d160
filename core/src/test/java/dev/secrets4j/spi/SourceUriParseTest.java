package dev.secrets4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import org.junit.jupiter.api.Test;

/** The scheme rule, the identity's normalisation and the masking, written without regular expressions. */
class SourceUriParseTest {
  private static SourceUri uri(String text) {
    return SourceUri.parse(text, Environment.DEVELOPMENT);
  }

  @Test
  void scheme_isALetterThenLettersDigitsPlusDotOrDash() {
    assertThat(uri("a+b.c-9:x").scheme()).isEqualTo("a+b.c-9");
    assertThat(uri("AWS-SM://us-east-1").scheme()).isEqualTo("aws-sm");
    for (String bad : new String[] {"9a:x", "a_b:x", "-a:x", ":x", "a b:x", "é:x"}) {
      assertThatThrownBy(() -> uri(bad)).as(bad).isInstanceOf(SecretConfigurationException.class)
          .hasMessageContaining("has no scheme");
    }
  }

  @Test
  void identity_dropsTrailingSlashesAndDotsOfTheAuthority_andRunsOfSlashesInThePath() {
    assertThat(uri("x://Host.Example./?a=1").identity()).isEqualTo("x://host.example?{a=1}");
    assertThat(uri("file:///a//b/./c/../d/").identity()).isEqualTo("file:/a/b/d");
    assertThat(uri("file:a///b").identity()).isEqualTo("file:a/b");
    assertThat(uri("x://h./").identity()).isEqualTo("x://h");
  }

  @Test
  void credentialLikeParameters_areMaskedInTheRedactedTextAndTheIdentity() {
    SourceUri u = uri("x://h?apiKey=abc&tokenFile=/run/t&Password=p&plain=v");
    assertThat(u.redacted()).isEqualTo("x://h?apiKey=****&tokenFile=/run/t&Password=****&plain=v");
    assertThat(u.identity()).isEqualTo("x://h?{Password=****, apiKey=****, plain=v, tokenFile=/run/t}");
  }
}
