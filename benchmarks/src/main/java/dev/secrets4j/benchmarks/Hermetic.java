package dev.secrets4j.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * System properties that keep the AWS SDK off the real world: static credentials end the default chain at its
 * first link, no profile files are read, no instance metadata is asked for. Set in this JVM and passed to JMH's
 * forked JVMs.
 */
public final class Hermetic {
  static final String ACCESS_KEY_ID = "AKIDBENCHMARKS";
  static final String SECRET_ACCESS_KEY = "benchmarks-only-not-a-real-key";

  private Hermetic() {}

  static Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("aws.accessKeyId", ACCESS_KEY_ID);
    p.put("aws.secretAccessKey", SECRET_ACCESS_KEY);
    p.put("aws.region", "us-east-1");
    p.put("aws.configFile", "/nonexistent/secrets4j-benchmarks/aws-config");
    p.put("aws.sharedCredentialsFile", "/nonexistent/secrets4j-benchmarks/aws-credentials");
    p.put("aws.disableEc2Metadata", "true");
    p.put("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    // the local server answers headers and body in separate writes; without this, Nagle + delayed ACK add ~40 ms
    p.put("sun.net.httpserver.nodelay", "true");
    return p;
  }

  /** Sets every property not already set. */
  public static void apply() {
    properties().forEach((k, v) -> {
      if (System.getProperty(k) == null) {
        System.setProperty(k, v);
      }
    });
  }

  /** The same as {@code -Dk=v} arguments for a forked JVM. */
  static List<String> jvmArgs() {
    List<String> out = new ArrayList<>();
    properties().forEach((k, v) -> out.add("-D" + k + "=" + System.getProperty(k, v)));
    return out;
  }
}
