/** secrets4j for HikariCP: pool credentials read from the resolver, rotated with no failed request. */
module dev.secrets4j.hikari {
  requires transitive dev.secrets4j.core;
  requires transitive com.zaxxer.hikari;
  requires transitive java.sql;
  requires java.logging;
  requires org.slf4j;

  exports dev.secrets4j.hikari;
}
