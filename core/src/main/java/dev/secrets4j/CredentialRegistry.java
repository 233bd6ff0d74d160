package dev.secrets4j;

import dev.secrets4j.spi.CredentialPatterns;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;

/** The built-in credential formats plus those found through {@link ServiceLoader}, gathered at the first value check. */
final class CredentialRegistry implements CredentialPatterns {

  private static volatile List<CredentialPatterns.Format> discovered;

  /** The built-in formats: prefixed tokens, checked without a regular expression. */
  @Override
  public List<CredentialPatterns.Format> patterns() {
    return List.of(
        CredentialPatterns.Format.liveToken("Stripe live secret key", "sk_live_", 8),
        CredentialPatterns.Format.liveToken("Stripe live restricted key", "rk_live_", 8),
        CredentialPatterns.Format.liveToken("Stripe live publishable key", "pk_live_", 8),
        CredentialPatterns.Format.liveToken("Braintree production access token", "access_token$production$", 0),
        CredentialPatterns.Format.testToken("Stripe test secret key", "sk_test_", 8),
        CredentialPatterns.Format.testToken("Stripe test restricted key", "rk_test_", 8),
        CredentialPatterns.Format.testToken("Stripe test publishable key", "pk_test_", 8),
        CredentialPatterns.Format.testToken("Braintree sandbox access token", "access_token$sandbox$", 0));
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
          LoggerFactory.getLogger(CredentialRegistry.class).warn("a credential pattern plug-in could not be loaded: {}", e.getMessage());
        }
      }
      d = List.copyOf(d);
      discovered = d;
    }
    return d;
  }
}
