package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Sources whose {@code confirmEvery} bound follows a given clock instead of the system's: for simulations that run a
 * fleet on simulated time (the benchmarks). Not API: this package is not exported.
 */
public final class SimulatedTimeSources {
  private SimulatedTimeSources() {}

  /**
   * A source for {@code uri} whose value confirmations age on {@code clock}.
   *
   * @throws dev.secrets4j.SecretConfigurationException if the URI is malformed
   */
  public static SecretSource fromUri(SourceUri uri, AwsCredentialsProvider credentials, Clock clock) {
    return AwsSources.create(AwsSourceSettings.parse(uri), credentials, Objects.requireNonNull(clock, "clock"));
  }
}
