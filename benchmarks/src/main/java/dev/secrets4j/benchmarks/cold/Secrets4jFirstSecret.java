package dev.secrets4j.benchmarks.cold;

import dev.secrets4j.Secrets;

/**
 * secrets4j in the cold-start scenario, through provider-aws with its defaults (guards on, so the
 * environment-tag guard reads each secret's tags). Arguments: the endpoint, then {@code one} (a builder, one
 * {@code get}), {@code config} (the same from the {@code secrets4j.properties} that {@code -Dsecrets4j.config}
 * names), {@code preload-prefix} ({@code preload} of 20 from a {@code prefix=dev/} source) or
 * {@code preload-no-prefix} (the same 20 stored without a prefix, from a source without one).
 */
public final class Secrets4jFirstSecret {
  private Secrets4jFirstSecret() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    String prefixed = "aws-sm://us-east-1?prefix=" + FirstSecret.PREFIX + "&endpoint=" + args[0];
    switch (args[1]) {
      case "one": {
        Secrets secrets = Secrets.builder().environment("development").source(prefixed).build();
        long t1 = System.nanoTime();
        FirstSecret.report(1, secrets.get(FirstSecret.HOT).asString().isEmpty() ? 0 : 1, t0, t1);
        break;
      }
      case "config": {
        Secrets secrets = Secrets.fromConfig();
        long t1 = System.nanoTime();
        FirstSecret.report(1, secrets.get(FirstSecret.HOT).asString().isEmpty() ? 0 : 1, t0, t1);
        break;
      }
      case "preload-prefix":
      case "preload-no-prefix": {
        String uri = args[1].equals("preload-prefix") ? prefixed : "aws-sm://us-east-1?endpoint=" + args[0];
        Secrets secrets = Secrets.builder().environment("development").source(uri).build();
        long t1 = System.nanoTime();
        secrets.preload(FirstSecret.logicalNames());
        int nonEmpty = 0;
        for (String n : FirstSecret.logicalNames()) {
          nonEmpty += secrets.get(n).asString().isEmpty() ? 0 : 1;
        }
        FirstSecret.report(FirstSecret.COUNT, nonEmpty, t0, t1);
        break;
      }
      default:
        throw new IllegalArgumentException("mode " + args[1] + "; use one, config, preload-prefix or preload-no-prefix");
    }
  }
}
