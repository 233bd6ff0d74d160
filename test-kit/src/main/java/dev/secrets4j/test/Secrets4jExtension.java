package dev.secrets4j.test;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link Secrets4jTest}: before each test it creates a {@link TestSecrets} (and, with
 * {@link SecretsEnvironment}, sets {@code app.env}); after the test it closes every resolver it built, stops
 * capturing the console and restores {@code app.env}. Register it with {@code @Secrets4jTest} or
 * {@code @ExtendWith(Secrets4jExtension.class)}.
 */
public final class Secrets4jExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Secrets4jExtension.class);
  private static final String APP_ENV = "app.env";

  /** Created by JUnit. */
  public Secrets4jExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<String> environment = environmentOf(context);
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    environment.ifPresent(env -> {
      store.put("previous-app-env", Optional.ofNullable(System.getProperty(APP_ENV)));
      System.setProperty(APP_ENV, env);
    });
    store.put(TestSecrets.class, new TestSecrets(environment.orElse("development")));
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterEach(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    TestSecrets secrets = store.remove(TestSecrets.class, TestSecrets.class);
    Optional<String> previous = (Optional<String>) store.remove("previous-app-env");
    try {
      if (secrets != null) {
        secrets.close();
      }
    } finally {
      if (previous != null) {
        previous.ifPresentOrElse(p -> System.setProperty(APP_ENV, p), () -> System.clearProperty(APP_ENV));
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestSecrets.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestSecrets secrets = context.getStore(NAMESPACE).get(TestSecrets.class, TestSecrets.class);
    if (secrets == null) {
      throw new IllegalStateException("TestSecrets exists only for a test and its @BeforeEach/@AfterEach methods, "
          + "not for " + context.getDisplayName());
    }
    return secrets;
  }

  private static Optional<String> environmentOf(ExtensionContext context) {
    Optional<String> onMethod = context.getTestMethod().flatMap(m -> valueOf(m));
    return onMethod.isPresent() ? onMethod : context.getTestClass().flatMap(c -> valueOf(c));
  }

  private static Optional<String> valueOf(AnnotatedElement element) {
    return AnnotationSupport.findAnnotation(element, SecretsEnvironment.class).map(SecretsEnvironment::value);
  }
}
