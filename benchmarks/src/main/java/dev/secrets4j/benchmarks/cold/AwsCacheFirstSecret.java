package dev.secrets4j.benchmarks.cold;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS's caching client in the cold-start scenario, over the same SDK client as {@link SdkFirstSecret}. Arguments:
 * the endpoint, then {@code one} (one {@code getSecretString}) or {@code twenty} (20, one after the other: it has
 * no batch read).
 */
public final class AwsCacheFirstSecret {
  private AwsCacheFirstSecret() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    SecretsManagerClient client = SecretsManagerClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(args[0]))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
    SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client));
    long t1 = System.nanoTime();
    switch (args[1]) {
      case "one":
        FirstSecret.report(1, cache.getSecretString(FirstSecret.PREFIX + FirstSecret.HOT).isEmpty() ? 0 : 1, t0, t1);
        break;
      case "twenty": {
        int nonEmpty = 0;
        for (String n : FirstSecret.logicalNames()) {
          nonEmpty += cache.getSecretString(FirstSecret.PREFIX + n).isEmpty() ? 0 : 1;
        }
        FirstSecret.report(FirstSecret.COUNT, nonEmpty, t0, t1);
        break;
      }
      default:
        throw new IllegalArgumentException("mode " + args[1] + "; use one or twenty");
    }
  }
}
