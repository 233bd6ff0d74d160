/**
 * secrets4j for Spring Boot: {@code secrets4j:} config data, the resolver as a bean, rotation events, health and
 * metrics. Spring reads the configuration classes reflectively, so the package is open to it.
 */
module dev.secrets4j.spring {
  requires transitive dev.secrets4j.core;
  requires org.slf4j;
  requires org.apache.commons.logging;
  requires spring.boot;
  requires spring.boot.autoconfigure;
  requires spring.beans;
  requires transitive spring.context;
  requires spring.core;
  requires static spring.boot.actuator;
  requires static spring.boot.health;
  requires static micrometer.core;
  requires static com.zaxxer.hikari;
  requires static dev.secrets4j.hikari;
  requires static java.sql;

  exports dev.secrets4j.spring;
  opens dev.secrets4j.spring;
}
