package dev.secrets4j.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Beans around the resolver that {@code spring.config.import=secrets4j:} built (registered as bean
 * {@code secrets4j}): rotation to Spring events and rebinding, the {@code secrets4j} health component, Micrometer
 * meters, an Actuator sanitizer for the imported properties, and HikariCP logins from a secret when
 * {@code secrets4j-hikari} is on the class path. Nothing here without a {@code secrets4j:} import.
 */
@AutoConfiguration
@ConditionalOnBean(SecretsRuntime.class)
class SecretsAutoConfiguration {

  @Bean
  RotationPublisher secrets4jRotationPublisher(SecretsRuntime runtime, ConfigurableApplicationContext context) {
    return new RotationPublisher(runtime, context);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"com.zaxxer.hikari.HikariDataSource", "dev.secrets4j.hikari.SecretsCredentialsProvider"})
  @ConditionalOnProperty(name = "spring.secrets4j.datasource.enabled", matchIfMissing = true)
  static class Hikari {
    /** Static: a post-processor is created before the other beans, and reaches the resolver only when used. */
    @Bean
    static HikariWiring secrets4jHikariWiring(ObjectProvider<SecretsRuntime> runtime, Environment environment) {
      return new HikariWiring(runtime, environment.getProperty("spring.secrets4j.datasource.secret"));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnProperty(name = "management.health.secrets4j.enabled", matchIfMissing = true)
  static class Health {
    @Bean
    SecretsHealthIndicator secrets4jHealthIndicator(SecretsRuntime runtime) {
      return new SecretsHealthIndicator(runtime.secrets());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterBinder.class)
  static class Metrics {
    @Bean
    SecretsMetrics secrets4jMetrics(SecretsRuntime runtime) {
      return new SecretsMetrics(runtime.secrets(), runtime.readCounter());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SanitizingFunction.class)
  static class Sanitizing {
    /**
     * Masks, whatever {@code show-values} says, every property read from a secrets4j: import and every property
     * whose configured value refers to one through placeholders.
     */
    @Bean
    SanitizingFunction secrets4jSanitizingFunction(ConfigurableApplicationContext context) {
      SecretReferences references = new SecretReferences(context.getEnvironment());
      return data -> masks(data, references) ? data.withSanitizedValue() : data;
    }

    private static boolean masks(SanitizableData data, SecretReferences references) {
      PropertySource<?> source = data.getPropertySource();
      if (source instanceof SecretsPropertySource) {
        return true;
      }
      return source != null && data.getKey() != null && references.refersToSecret(source.getProperty(data.getKey()));
    }
  }
}
