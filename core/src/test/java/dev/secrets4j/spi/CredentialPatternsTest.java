package dev.secrets4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CredentialPatternsTest {
  private static final String B = "(?<![A-Za-z0-9])";

  @Test
  void token_matchesWhereItsRegularExpressionFinds() {
    CredentialPatterns.Format token = CredentialPatterns.Format.liveToken("t", "sk_live_", 8);
    assertThat(token.matches("sk_live_12345678")).isTrue();
    assertThat(token.matches("key: -sk_live_abcdEFGH9")).isTrue();
    assertThat(token.matches("xsk_live_12345678")).isFalse();
    assertThat(token.matches("sk_live_1234567")).isFalse();
    assertThat(token.matches("sk_live_1234-5678")).isFalse();
    // the second occurrence counts when the first does not
    assertThat(token.matches("xsk_live_12345678 sk_live_12345678")).isTrue();
    assertThat(CredentialPatterns.Format.testToken("b", "access_token$sandbox$", 0).matches("access_token$sandbox$"))
        .isTrue();
  }

  @Test
  void token_agreesWithTheEquivalentRegularExpression_onGeneratedValues() {
    String[][] formats = {{"sk_live_", "8"}, {"access_token$production$", "0"}, {"a", "2"}};
    char[] alphabet = "sk_liveacts$produn9Z- .".toCharArray();
    Random random = new Random(20261201L);
    for (String[] f : formats) {
      int min = Integer.parseInt(f[1]);
      CredentialPatterns.Format token = CredentialPatterns.Format.liveToken("t", f[0], min);
      CredentialPatterns.Format regex =
          CredentialPatterns.Format.live("r", B + Pattern.quote(f[0]) + "[0-9A-Za-z]{" + min + ",}");
      for (int i = 0; i < 5_000; i++) {
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(40);
        for (int j = 0; j < len; j++) {
          if (random.nextInt(12) == 0) {
            sb.append(f[0]);
          } else {
            sb.append(alphabet[random.nextInt(alphabet.length)]);
          }
        }
        String value = sb.toString();
        assertThat(token.matches(value)).as("%s in '%s'", f[0], value).isEqualTo(regex.matches(value));
      }
    }
  }

  @Test
  void token_needsAPrefixAndATailLengthOfZeroOrMore() {
    assertThatThrownBy(() -> CredentialPatterns.Format.liveToken("t", "", 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a prefix");
    assertThatThrownBy(() -> CredentialPatterns.Format.testToken("t", "x_", -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minTail must not be negative");
  }

  @Test
  void token_saysWhatItIs() {
    CredentialPatterns.Format f = CredentialPatterns.Format.testToken("Stripe test secret key", "sk_test_", 8);
    assertThat(f.isLive()).isFalse();
    assertThat(f.name()).isEqualTo("Stripe test secret key");
    assertThat(f).hasToString("test credential pattern 'Stripe test secret key'");
  }
}
