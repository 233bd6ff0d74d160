package dev.secrets4j.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.secrets4j.Secrets;
import dev.secrets4j.SecretsBuilder;
import dev.secrets4j.test.aws.LocalSecretsManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One local Secrets Manager (AWS JSON 1.1 over HTTP on 127.0.0.1) holding {@code count} secrets under the prefix
 * {@value #PREFIX}, and the two readers of it: secrets4j through its {@code aws-sm://} provider, and AWS's own
 * caching client over an SDK v2 client of the same kind (JDK HTTP client). Both read the same stored secrets.
 */
final class LocalAws implements AutoCloseable {
  static final String PREFIX = "dev/";
  static final String HOT = "hot-secret";

  final LocalSecretsManager server;
  final List<String> names = new ArrayList<>();
  private final List<AutoCloseable> owned = new ArrayList<>();

  LocalAws(int count) {
    Hermetic.apply();
    server = LocalSecretsManager.start();
    rotate(HOT);
    for (int i = 0; i < count; i++) {
      String name = String.format("secret-%03d", i);
      names.add(name);
      rotate(name);
    }
  }

  /** Stores a new current value of {@code name} (directly, no protocol call counted); returns its version id. */
  String rotate(String name) {
    return server.put(PREFIX + name, "value-of-" + name + "-" + UUID.randomUUID());
  }

  /** The aws-sm URI secrets4j reads this server with. */
  String uri() {
    return "aws-sm://us-east-1?prefix=" + PREFIX + "&endpoint=" + server.endpoint();
  }

  /** A resolver for the development environment reading this server through provider-aws; closed with this. */
  Secrets secrets4j(UnaryOperator<SecretsBuilder> configure) {
    Secrets s = configure.apply(Secrets.builder().environment("development").source(uri())).build();
    owned.add(s);
    return s;
  }

  /** An SDK v2 client as an application would build one for AWS's caching client; closed with this. */
  SecretsManagerClient sdkClient() {
    SecretsManagerClient c = SecretsManagerClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Hermetic.ACCESS_KEY_ID, Hermetic.SECRET_ACCESS_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
    owned.add(c);
    return c;
  }

  /** AWS's caching client with its defaults (1 h item TTL) but for the item TTL given; closed with this. */
  SecretCache awsCache(Duration itemTtl) {
    SecretCache c = new SecretCache(new SecretCacheConfiguration()
        .withClient(sdkClient())
        .withCacheItemTTL(itemTtl.toMillis()));
    owned.add(c);
    return c;
  }

  /** The full Secrets Manager id AWS's client reads for the logical {@code name}. */
  static String awsId(String name) {
    return PREFIX + name;
  }

  @Override
  public void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        // closing is best effort in a benchmark
      }
    }
    server.close();
  }
}
