package dev.secrets4j.examples.spring;

import dev.secrets4j.Secrets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A greeting service whose payment key comes from secrets4j: {@code GET /greeting} says which environment it runs
 * in and that the key is loaded, never the key. Run it with {@code mvn -q -pl examples/spring-boot -am compile
 * exec:java}.
 */
@SpringBootApplication
@EnableConfigurationProperties(ExampleApplication.Payment.class)
public class ExampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }

  /** The payment settings, rebound when the key rotates. */
  @ConfigurationProperties("payment")
  public static class Payment {
    private String apiKey;

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }
  }

  /** The one endpoint. */
  @RestController
  static class Greeting {
    private final Payment payment;
    private final Secrets secrets;

    Greeting(Payment payment, Secrets secrets) {
      this.payment = payment;
      this.secrets = secrets;
    }

    @GetMapping("/greeting")
    String greeting() {
      String key = payment.getApiKey();
      return "hello from " + secrets.environment() + " (" + secrets.detection().reason() + "); payment key "
          + (key == null ? "missing" : "loaded, " + key.length() + " characters") + "\n";
    }

    @EventListener
    void rotated(dev.secrets4j.spring.SecretRotatedEvent event) {
      System.out.println("rotated: " + event);
    }
  }
}
