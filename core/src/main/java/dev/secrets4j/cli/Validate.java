package dev.secrets4j.cli;

import dev.secrets4j.Manifest;
import dev.secrets4j.SecretException;
import dev.secrets4j.Secrets;
import dev.secrets4j.SecretsBuilder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Supplier;

/**
 * Preflight validation for a deploy pipeline:
 * {@code java -cp <app classpath> dev.secrets4j.cli.Validate [--env ENV] --manifest FILE}.
 * Reads {@code secrets4j.properties} as the application would (SECRETS4J_CONFIG or the class path), checks
 * every secret of the manifest in the environment, prints the report (never a value). Exit status: 0 all
 * required secrets usable, 1 problems found, 2 bad usage or configuration.
 */
public final class Validate {
  private Validate() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, Secrets::builderFromConfig));
  }

  /** The command without {@code System.exit}, for tests. */
  public static int run(String[] args, PrintStream out, PrintStream err, Supplier<SecretsBuilder> builders) {
    String env = null;
    String manifest = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--env" -> env = i + 1 < args.length ? args[++i] : null;
        case "--manifest" -> manifest = i + 1 < args.length ? args[++i] : null;
        case "-h", "--help" -> {
          out.println(usage());
          return 0;
        }
        default -> {
          err.println("unknown argument '" + args[i] + "'\n" + usage());
          return 2;
        }
      }
    }
    if (manifest == null) {
      err.println("--manifest FILE is required\n" + usage());
      return 2;
    }
    Path manifestPath = Paths.get(manifest);
    if (!Files.isRegularFile(manifestPath)) {
      err.println("manifest " + manifestPath.toAbsolutePath() + " does not exist");
      return 2;
    }
    try {
      Manifest m = Manifest.parse(manifestPath);
      SecretsBuilder b = builders.get();
      if (env != null) {
        b.environment(env);
      }
      try (Secrets secrets = b.build()) {
        out.println("environment: " + secrets.detection());
        Manifest.Report report = secrets.validate(m);
        out.println(report);
        return report.isValid() ? 0 : 1;
      }
    } catch (SecretException | IllegalStateException e) {
      err.println("secrets4j: " + e.getMessage());
      return 2;
    }
  }

  static String usage() {
    return "usage: Validate [--env ENV] --manifest FILE   (configuration: SECRETS4J_CONFIG or classpath secrets4j.properties)";
  }
}
