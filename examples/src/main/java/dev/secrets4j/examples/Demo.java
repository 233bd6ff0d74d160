package dev.secrets4j.examples;

import dev.secrets4j.AuditEvent;
import dev.secrets4j.EnvironmentViolationException;
import dev.secrets4j.Manifest;
import dev.secrets4j.Secret;
import dev.secrets4j.SecretException;
import dev.secrets4j.Secrets;
import dev.secrets4j.SecretsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The demo a newcomer runs first: {@code mvn -q -pl examples -am compile exec:java}. It works on the embedded
 * default, the file provider, over copies of the fake values shipped in this module, and shows the detected
 * environment and why, secrets resolved (masked), the audit trail, a rotation and its listener, a live key refused
 * in development, and a validation report with a missing secret. {@code APP_ENV=staging} shows the staging binding.
 */
public final class Demo {
  private static final List<String> SHOWN = List.of("stripe-api-key", "sendgrid-api-key",
      "database-credentials#username", "database-credentials#password");

  private final PrintStream out;
  private final String environment;
  private final BlockingQueue<AuditEvent> audit = new LinkedBlockingQueue<>();

  /** {@code environment}: an explicit environment for tests, or null to detect it as an application would. */
  Demo(PrintStream out, String environment) {
    this.out = out;
    this.environment = environment;
  }

  public static void main(String[] args) {
    int status = new Demo(System.out, null).run();
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the demo; returns the process status (0, or 2 when the environment has no usable configuration). */
  int run() {
    Path work;
    try {
      work = Files.createTempDirectory("secrets4j-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return run(work);
    } finally {
      deleteQuietly(work);
    }
  }

  private int run(Path work) {
    title("secrets4j demo");
    Path config = prepare(work);
    SecretsBuilder builder;
    Secrets secrets;
    try {
      System.setProperty("secrets4j.config", config.toString());
      builder = Secrets.builderFromConfig().auditHook(audit::add).auditEveryHit();
      if (environment != null) {
        builder.environment(environment);
      }
      secrets = builder.build();
    } catch (SecretException e) {
      out.println("secrets4j refused to start: " + e.getMessage());
      return 2;
    } finally {
      System.clearProperty("secrets4j.config");
    }
    try (secrets) {
      section("1. Environment");
      out.println("   " + secrets.environment() + "   (why: " + secrets.detection().reason() + ")");
      out.println("   source: " + secrets.sourceId());
      out.println("   configuration: " + config.getFileName() + " binds each environment to its own file:");
      for (String line : readLines(config)) {
        if (line.startsWith("source.")) {
          out.println("     " + line.replace(work.toString(), "<demo>"));
        }
      }

      section("2. Secrets, resolved from " + secrets.environment() + "'s store (values masked)");
      for (String name : SHOWN) {
        Secret s = secrets.get(name);
        out.printf("   %-32s %s   %s%n", name, mask(s), s);
      }
      printAudit("every access is an audit event, the value never is");

      section("3. Rotation");
      String name = "stripe-api-key";
      Secret before = secrets.get(name);
      List<String> rotations = new ArrayList<>();
      secrets.onRotation(name, (n, oldId, newId) -> rotations.add(n + ": " + shortId(oldId) + " -> " + shortId(newId)));
      Path file = work.resolve(secrets.environment().name() + ".env");
      String rotated = "sk_test_DEMOrotated" + randomAlphanumeric(12);
      replaceValue(file, name, rotated);
      out.println("   an operator rotates " + name + " in " + file.getFileName());
      Secret after = secrets.refresh(name);
      out.println("   rotation listener: " + (rotations.isEmpty() ? "(not called)" : rotations.get(0)));
      out.println("   " + name + " is now " + after + ", was " + before);
      out.println("   versions(" + name + "): " + secrets.versions(name)
          + "  (current and the version it replaced, for keys with overlapping validity)");
      printAudit("the refresh and the rotation are audited too");

      section("4. Guard: a live key in " + secrets.environment());
      try {
        secrets.get("legacy-stripe-key");
        out.println("   served (this environment allows live keys)");
      } catch (EnvironmentViolationException e) {
        out.println("   refused: " + e.getMessage());
      }

      section("5. Preflight validation (what a deploy pipeline runs before start-up)");
      Manifest.Report report = secrets.validate(manifest());
      for (String line : report.toString().split("\n")) {
        out.println("   " + line);
      }
      out.println();
      out.println("Try: APP_ENV=staging mvn -q -pl examples -am compile exec:java");
    }
    return 0;
  }

  /** Copies the shipped fake values to {@code work} (owner-only) and writes the configuration. */
  private Path prepare(Path work) {
    for (String env : List.of("development", "staging")) {
      Path target = work.resolve(env + ".env");
      copyResource("/demo/" + env + ".env", target);
      // a live-looking key, made up now, so that the guard has something to refuse (never commit one)
      append(target, "legacy-stripe-key=sk_live_" + randomAlphanumeric(24) + "\n");
      ownerOnly(target);
    }
    Path config = work.resolve("secrets4j.properties");
    String text = "# written by the demo; a real project keeps this file in src/main/resources\n"
        + "source.development=file:" + work.resolve("development.env") + "\n"
        + "source.staging=file:" + work.resolve("staging.env") + "\n"
        + "source.production=aws-sm://us-east-1?prefix=production/\n"
        + "audit.slf4j=false\n";
    write(config, text);
    return config;
  }

  private static Manifest manifest() {
    try (InputStream in = Demo.class.getResourceAsStream("/demo/secrets.manifest")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().collect(java.util.stream.Collectors.toList());
      return Manifest.parse(lines, "secrets.manifest", false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void printAudit(String caption) {
    List<AuditEvent> events = new ArrayList<>();
    try {
      AuditEvent e;
      // delivery is asynchronous: take what arrives until the hook has been quiet for a moment
      while ((e = audit.poll(300, TimeUnit.MILLISECONDS)) != null) {
        events.add(e);
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    out.println("   audit (" + caption + "):");
    for (AuditEvent e : events) {
      out.println("     " + e.toString().replaceFirst("^time=\\S+ ", ""));
    }
  }

  static String mask(Secret s) {
    return "********  (" + s.length() + " bytes)";
  }

  private static String shortId(String id) {
    return id.length() <= 8 ? id : id.substring(0, 8) + "…";
  }

  private void title(String t) {
    out.println(t);
    out.println("=".repeat(t.length()));
  }

  private void section(String t) {
    out.println();
    out.println(t);
  }

  private static String randomAlphanumeric(int n) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom r = new SecureRandom();
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static void copyResource(String resource, Path target) {
    try (InputStream in = Demo.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing demo resource " + resource);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void replaceValue(Path file, String key, String value) {
    List<String> lines = new ArrayList<>();
    for (String line : readLines(file)) {
      lines.add(line.startsWith(key + "=") ? key + "=" + value : line);
    }
    write(file, String.join("\n", lines) + "\n");
  }

  private static List<String> readLines(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void append(Path p, String text) {
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void ownerOnly(Path p) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: nothing to tighten
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
