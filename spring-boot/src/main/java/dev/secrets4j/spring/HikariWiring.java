package dev.secrets4j.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.secrets4j.hikari.SecretsCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Gives every HikariCP pool of the context its login from a secret, when {@code secrets4j-hikari} is on the class
 * path: {@code spring.datasource.url} stays in Spring's configuration, the user and password come from the JSON
 * secret {@code spring.secrets4j.datasource.secret} (default {@code database-credentials}) for every new connection,
 * and a rotation soft-evicts the pool. A pool configured with its own (non-empty) password is left alone, and so is every pool
 * with {@code spring.secrets4j.datasource.enabled=false}. Runs after Spring has bound the pool's properties and
 * before its first connection.
 */
final class HikariWiring implements BeanPostProcessor, Ordered {
  private static final Logger LOG = LoggerFactory.getLogger(HikariWiring.class);

  private final ObjectProvider<SecretsRuntime> runtime;
  private final String secretName;

  HikariWiring(ObjectProvider<SecretsRuntime> runtime, String secretName) {
    this.runtime = runtime;
    this.secretName = secretName;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof HikariDataSource)) {
      return bean;
    }
    HikariDataSource pool = (HikariDataSource) bean;
    // Boot gives an embedded database's pool the password "" (and user "sa") when none is configured: that is no
    // password of the application's own
    if ((pool.getPassword() != null && !pool.getPassword().isEmpty()) || pool.getCredentialsProvider() != null) {
      LOG.info("data source '{}' has its own password or credentials provider; secrets4j leaves its login alone",
          beanName);
      return bean;
    }
    SecretsRuntime r = runtime.getIfAvailable();
    if (r == null) {
      return bean;
    }
    pool.setPassword(null);
    SecretsCredentialsProvider.builder(r.secrets()).secret(secretName).build().configure(pool);
    LOG.info("data source '{}' logs in with secret '{}' (user and password of its current version)", beanName,
        secretName);
    return bean;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
