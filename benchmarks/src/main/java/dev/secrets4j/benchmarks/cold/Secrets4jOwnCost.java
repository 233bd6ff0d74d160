package dev.secrets4j.benchmarks.cold;

import dev.secrets4j.Secrets;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * A diagnostic, not a scenario: secrets4j's own start-up cost in a process where the SDK is already warm. It first
 * builds a plain SDK client and makes the two calls a secrets4j read makes ({@code GetSecretValue},
 * {@code DescribeSecret}), so the SDK's classes, its first-call pipeline, SLF4J and the JDK's lambda machinery are
 * loaded; then it times {@code Secrets.builder()...build()} and the first {@code get}. What remains is secrets4j's
 * own work (detection, guards, provider lookup, resolver set-up, the read path) plus a second, warm SDK client.
 * Prints {@code ok 1 build=MS get=MS}. Arguments: the endpoint.
 */
public final class Secrets4jOwnCost {
  private Secrets4jOwnCost() {}

  public static void main(String[] args) {
    SecretsManagerClient sdk = SecretsManagerClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create(args[0]))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
    String id = FirstSecret.PREFIX + FirstSecret.HOT;
    sdk.getSecretValue(GetSecretValueRequest.builder().secretId(id).build());
    sdk.describeSecret(DescribeSecretRequest.builder().secretId(id).build());
    long t0 = System.nanoTime();
    Secrets secrets = Secrets.builder().environment("development")
        .source("aws-sm://us-east-1?prefix=" + FirstSecret.PREFIX + "&endpoint=" + args[0]).build();
    long t1 = System.nanoTime();
    boolean read = !secrets.get(FirstSecret.HOT).asString().isEmpty();
    long t2 = System.nanoTime();
    new PrintStream(System.out, true, StandardCharsets.UTF_8).println((read ? "ok 1" : "empty") + " build="
        + (t1 - t0) / 1e6 + " get=" + (t2 - t1) / 1e6);
  }
}
