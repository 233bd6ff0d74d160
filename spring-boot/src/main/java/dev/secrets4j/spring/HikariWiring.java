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
 * secret {@code spring.secrets4j.datasource.secret} for every new connection, and a rotation soft-evicts the pool.
 * Without that property the secret is {@code database-credentials}, used only when the store has it (one read at
 * start-up), so an application whose pool needs no secret keeps its own login. A pool configured with its own (non-empty) password is left alone, and so is every pool
 * with {@code spring.secrets4j.datasource.enabled=false}. Runs after Spring has bound the pool's properties and
 * before its first connection.
 */
final class HikariWiring implements BeanPostProcessor, Ordered {
  private static final Logger LOG = LoggerFactory.getLogger(HikariWiring.class);

  static final String DEFAULT_SECRET = "database-credentials";

  private final ObjectProvider<SecretsRuntime> runtime;
  private final String secretName;
  private final boolean named;

  /** {@code secretName} null: the default secret, and only when the store has it. */
  HikariWiring(ObjectProvider<SecretsRuntime> runtime, String secretName) {
    this.runtime = runtime;
    this.named = secretName != null;
    this.secretName = named ? secretName : DEFAULT_SECRET;
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
    if (!named && !exists(r)) {
      LOG.info("data source '{}': no secret '{}' in {}, so secrets4j leaves its login alone (name one with "
          + "spring.secrets4j.datasource.secret)", beanName, secretName, r.secrets().sourceId());
      return bean;
    }
    pool.setPassword(null);
    SecretsCredentialsProvider.builder(r.secrets()).secret(secretName).build().configure(pool);
    LOG.info("data source '{}' logs in with secret '{}' (user and password of its current version)", beanName,
        secretName);
    return bean;
  }

  private boolean exists(SecretsRuntime r) {
    try {
      r.secrets().get(secretName);
      return true;
    } catch (dev.secrets4j.SecretNotFoundException e) {
      return false;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
