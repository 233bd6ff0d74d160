package dev.secrets4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The environment a {@link Secrets4jTest} test runs in, on the test method or its class (the method's wins). The
 * test's {@link TestSecrets} resolver is built for it, so the guards behave as they would there; and for the
 * duration of the test the system property {@code app.env} names it, so code under test that builds its own
 * resolver ({@code Secrets.fromConfig()}) detects the same environment. The property's previous value (or its
 * absence) is restored after the test. Tests that rely on it must not run in parallel with each other.
 *
 * <p>Without this annotation a test runs in {@code development} and {@code app.env} is left alone.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SecretsEnvironment {
  /** An environment name or alias: {@code production}, {@code prod}, {@code staging}, or a custom one. */
  String value();
}
