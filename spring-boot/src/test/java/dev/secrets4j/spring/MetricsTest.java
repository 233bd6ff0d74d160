package dev.secrets4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

class MetricsTest {
  private static final String CANARY = "canary-metrics-0e7d5a";

  @TempDir Path folder;

  @Test
  void meters_countKnownReads_rotations_andCarryNoValueOrPrincipal() {
    Fixture f = new Fixture(folder).write("STRIPE_API_KEY=" + CANARY, "SENDGRID_API_KEY=SG.metrics");
    try (ConfigurableApplicationContext ctx = f.run(App.class, "--spring.config.import=secrets4j:",
        "--spring.application.name=orders")) {
      MeterRegistry registry = ctx.getBean(MeterRegistry.class);
      Environment env = ctx.getEnvironment();
      double hits = reads(registry, "hit");
      double loaded = reads(registry, "loaded");
      double notFound = reads(registry, "not_found");

      env.getProperty("secrets.stripe-api-key");
      for (int i = 0; i < 5; i++) {
        env.getProperty("secrets.stripe-api-key");
      }
      try {
        env.getProperty("secrets.nope");
      } catch (IllegalStateException expected) {
        // a missing secret in a required import is an error; it is counted
      }

      assertThat(reads(registry, "loaded") - loaded).isEqualTo(1);
      assertThat(reads(registry, "hit") - hits).isEqualTo(5);
      assertThat(reads(registry, "not_found") - notFound).isEqualTo(1);
      assertThat(registry.get("secrets4j.store.calls").tag("outcome", "loaded").functionTimer().count())
          .isGreaterThanOrEqualTo(1);
      assertThat(registry.get("secrets4j.secrets.cached").gauge().value()).isEqualTo(1);
      assertThat(registry.get("secrets4j.secrets.stale").gauge().value()).isZero();
      assertThat(registry.get("secrets4j.rotations").functionCounter().count()).isZero();

      f.write("STRIPE_API_KEY=" + CANARY + "-2", "SENDGRID_API_KEY=SG.metrics");
      f.advance(Duration.ofMinutes(6));
      assertThat(registry.get("secrets4j.rotations").functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("secrets4j.values.oldest.age").timeGauge().value()).isGreaterThanOrEqualTo(0);
      assertThat(registry.get("secrets4j.audit.dropped").functionCounter().count()).isZero();

      for (Meter meter : registry.getMeters()) {
        if (meter.getId().getName().startsWith("secrets4j.")) {
          meter.getId().getTags().forEach(tag -> {
            assertThat(tag.getKey()).isIn("environment", "outcome");
            assertThat(tag.getValue()).doesNotContain(CANARY).isNotEqualTo("orders");
          });
          meter.measure().forEach(m -> assertThat(String.valueOf(m.getValue())).doesNotContain(CANARY));
        }
      }
    }
  }

  private static double reads(MeterRegistry registry, String outcome) {
    return registry.get("secrets4j.reads").tag("outcome", outcome).functionCounter().count();
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {}
}
