package dev.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void toString_showsNameAndShortVersion_neverTheValue() {
    Secret s = Secret.of("stripe-api-key", "3f2a9c81", "sk_test_value");
    assertThat(s.toString()).isEqualTo("Secret[stripe-api-key v=3f2a…]");
  }

  @Test
  void asBytes_isACopy() {
    Secret s = Secret.of("k", "v1", "abc");
    byte[] b = s.asBytes();
    b[0] = 'X';
    assertThat(s.asString()).isEqualTo("abc");
  }

  @Test
  void destroy_zeroesTheValue_andLaterReadsFail() {
    Secret s = Secret.of("k", "v1", "abc");
    s.destroy();
    assertThat(s.isDestroyed()).isTrue();
    assertThatThrownBy(s::asString).isInstanceOf(IllegalStateException.class).hasMessageNotContaining("abc");
    assertThatThrownBy(s::asBytes).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void isNotSerializable() {
    assertThat(Serializable.class.isAssignableFrom(Secret.class)).isFalse();
  }

  @Test
  void field_readsStringsNumbersAndNestedJson() {
    Secret s = Secret.of("db", "v1", "{\"user\":\"app\",\"port\":5432,\"tls\":true,\"opts\":{\"a\":[1,2]}}");
    assertThat(s.field("user").asString()).isEqualTo("app");
    assertThat(s.field("port").asString()).isEqualTo("5432");
    assertThat(s.field("tls").asString()).isEqualTo("true");
    assertThat(s.field("opts").asString()).isEqualTo("{\"a\":[1,2]}");
    assertThat(s.field("user").name()).isEqualTo("db#user");
  }

  @Test
  void field_ofInvalidJson_givesPositionNotContent() {
    Secret s = Secret.of("db", "v1", "{\"user\": hunter2-is-not-json}");
    assertThatThrownBy(() -> s.field("user"))
        .isInstanceOf(SecretConfigurationException.class)
        .hasMessageContaining("line 1").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Secret.of("plain", "v1", "just-a-string").field("x"))
        .isInstanceOf(SecretConfigurationException.class).hasMessageNotContaining("just-a-string");
  }

  @Test
  void equals_comparesNameVersionAndValue() {
    assertThat(Secret.of("k", "v", "a")).isEqualTo(Secret.of("k", "v", "a")).isNotEqualTo(Secret.of("k", "v", "b"));
  }
}
