package dev.secrets4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class (or method) that gets a fresh {@link TestSecrets} per test: declare a parameter of that
 * type on a test, {@code @BeforeEach} or {@code @AfterEach} method. Same as
 * {@code @ExtendWith(Secrets4jExtension.class)}.
 *
 * <pre>{@code
 * @Secrets4jTest
 * class PaymentsTest {
 *   @Test
 *   void rotatedKey_isServedAfterTheNextRefresh(TestSecrets secrets) {
 *     secrets.put("stripe-api-key", "sk_test_one");
 *     assertThat(secrets.get("stripe-api-key").asString()).isEqualTo("sk_test_one");
 *     secrets.rotate("stripe-api-key", "sk_test_two");
 *     secrets.advance(Duration.ofMinutes(6));
 *     assertThat(secrets.get("stripe-api-key").asString()).isEqualTo("sk_test_two");
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(Secrets4jExtension.class)
public @interface Secrets4jTest {}
