package dev.secrets4j.spring;

import dev.secrets4j.SecretsBuilder;

/**
 * Adds to the resolver what only code can give (audit hooks, an executor, a ticker in tests) before
 * {@code spring.config.import=secrets4j:} builds it. The resolver is built while the configuration is loaded, before
 * any bean exists, so a customizer is registered in Spring Boot's bootstrap registry rather than as a bean:
 *
 * <pre>{@code
 * new SpringApplicationBuilder(MyApp.class)
 *     .addBootstrapRegistryInitializer(registry -> registry.register(SecretsBuilderCustomizer.class,
 *         InstanceSupplier.of(builder -> builder.auditHook(myAuditHook))))
 *     .run(args);
 * }</pre>
 *
 * <p>It runs after the settings of {@code secrets4j.properties} and {@code spring.secrets4j.*} were applied; setting
 * again what they set fails with the builder's {@code "... was already set"} message.
 */
@FunctionalInterface
public interface SecretsBuilderCustomizer {
  /** Customizes the builder. */
  void customize(SecretsBuilder builder);
}
