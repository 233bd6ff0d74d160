package dev.secrets4j.benchmarks.cold;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * The baseline of the cold-start scenario: the plain SDK, as an application writes it (the JDK HTTP client, the
 * default credentials chain, which the hermetic system properties end at its first link). Arguments: the
 * endpoint, then {@code one} (GetSecretValue of one secret), {@code batch} (one BatchGetSecretValue of 20) or
 * {@code batch-list} (the same, then one ListSecrets on the prefix: what a guard that wants tags adds).
 */
public final class SdkFirstSecret {
  private SdkFirstSecret() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    SecretsManagerClient client = SecretsManagerClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(args[0]))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
    long t1 = System.nanoTime();
    switch (args[1]) {
      case "one": {
        String v = client.getSecretValue(GetSecretValueRequest.builder()
            .secretId(FirstSecret.PREFIX + FirstSecret.HOT).build()).secretString();
        FirstSecret.report(1, v.isEmpty() ? 0 : 1, t0, t1);
        break;
      }
      case "batch":
      case "batch-list": {
        List<String> ids = new ArrayList<>();
        for (String n : FirstSecret.logicalNames()) {
          ids.add(FirstSecret.PREFIX + n);
        }
        BatchGetSecretValueResponse r = client.batchGetSecretValue(
            BatchGetSecretValueRequest.builder().secretIdList(ids).build());
        int nonEmpty = 0;
        for (SecretValueEntry e : r.secretValues()) {
          nonEmpty += e.secretString().isEmpty() ? 0 : 1;
        }
        if (args[1].equals("batch-list")) {
          int listed = client.listSecrets(ListSecretsRequest.builder().maxResults(100).filters(Filter.builder()
              .key(FilterNameStringType.NAME).values(FirstSecret.PREFIX).build()).build()).secretList().size();
          if (listed < ids.size()) {
            throw new IllegalStateException("ListSecrets found " + listed + " of " + ids.size());
          }
        }
        FirstSecret.report(ids.size(), nonEmpty, t0, t1);
        break;
      }
      default:
        throw new IllegalArgumentException("mode " + args[1] + "; use one, batch or batch-list");
    }
  }
}
