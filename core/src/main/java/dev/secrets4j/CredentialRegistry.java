package dev.secrets4j;

import dev.secrets4j.spi.CredentialPatterns;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The built-in credential formats plus those found through {@link ServiceLoader}. */
final class CredentialRegistry implements CredentialPatterns {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialRegistry.class);
  private static final String B = "(?<![A-Za-z0-9])";

  private static volatile List<CredentialPatterns.Format> discovered;

  @Override
  public List<CredentialPatterns.Format> patterns() {
    return List.of(
        CredentialPatterns.Format.live("Stripe live secret key", B + "sk_live_[0-9A-Za-z]{8,}"),
        CredentialPatterns.Format.live("Stripe live restricted key", B + "rk_live_[0-9A-Za-z]{8,}"),
        CredentialPatterns.Format.live("Stripe live publishable key", B + "pk_live_[0-9A-Za-z]{8,}"),
        CredentialPatterns.Format.live("Braintree production access token", B + "access_token\\$production\\$"),
        CredentialPatterns.Format.test("Stripe test secret key", B + "sk_test_[0-9A-Za-z]{8,}"),
        CredentialPatterns.Format.test("Stripe test restricted key", B + "rk_test_[0-9A-Za-z]{8,}"),
        CredentialPatterns.Format.test("Stripe test publishable key", B + "pk_test_[0-9A-Za-z]{8,}"),
        CredentialPatterns.Format.test("Braintree sandbox access token", B + "access_token\\$sandbox\\$"));
  }

  /** The built-ins and every {@link CredentialPatterns} plug-in on the class path, found once. */
  static List<CredentialPatterns.Format> discovered() {
    List<CredentialPatterns.Format> d = discovered;
    if (d == null) {
      d = new ArrayList<>(new CredentialRegistry().patterns());
      Iterator<CredentialPatterns> it =
          ServiceLoader.load(CredentialPatterns.class, CredentialRegistry.class.getClassLoader()).iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          CredentialPatterns p = it.next();
          if (!(p instanceof CredentialRegistry)) {
            d.addAll(p.patterns());
          }
        } catch (ServiceConfigurationError e) {
          LOG.warn("a credential pattern plug-in could not be loaded: {}", e.getMessage());
        }
      }
      d = List.copyOf(d);
      discovered = d;
    }
    return d;
  }
}
