package dev.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.Environment;
import dev.secrets4j.aws.AwsSecretSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.aws.LocalSecretsManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A TLS failure is the endpoint's or the trust store's fault: PERMANENT with a hint, not an outage to ride out. */
class TlsFailureTest {
  private final LocalSecretsManager tls = LocalSecretsManager.startHttps();

  @AfterEach
  void close() {
    tls.close();
  }

  private static SecretSource fromUri(String uri) {
    return new AwsSecretsManagerProvider().create(SourceUri.parse(uri, Environment.DEVELOPMENT));
  }

  @Test
  void untrustedCertificate_isPermanent_andNamesTheEndpointAndTheTrustStore() {
    tls.put("app/db", "canary-tls-value");
    try (SecretSource source = fromUri("aws-sm://us-east-1?prefix=app/&maxAttempts=1&endpoint=" + tls.endpoint())) {
      SecretSourceException e = catchThrowableOfType(SecretSourceException.class,
          () -> source.fetch("db", VersionSelector.CURRENT));

      assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
      assertThat(e.getMessage()).contains("'db'", tls.endpoint().toString(), "PKIX", "javax.net.ssl.trustStore")
          .doesNotContain("canary-tls-value");
    }
  }

  @Test
  void trustedCertificate_reads() throws Exception {
    tls.put("app/db", "pw");
    try (SecretSource source = AwsSecretSources.builder(tls.newClient()).prefix("app/").build()) {
      assertThat(source.fetch("db", VersionSelector.CURRENT).valueAsString()).isEqualTo("pw");
    }
  }
}
