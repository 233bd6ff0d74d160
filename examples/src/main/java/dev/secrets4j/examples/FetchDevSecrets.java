package dev.secrets4j.examples;

import dev.secrets4j.AccessContext;
import dev.secrets4j.Manifest;
import dev.secrets4j.SecretException;
import dev.secrets4j.Secrets;
import dev.secrets4j.SecretsBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Writes {@code .env.development} from the development source configured for the project (its
 * {@code secrets4j.properties}), for the secrets a manifest lists (by default {@code .env.example}). Refuses to run
 * in any other environment, so production values can never land on a laptop this way; writes the file owner-only
 * ({@code rw-------}) and atomically; warns when {@code .gitignore} does not cover it. Never prints a value.
 *
 * <pre>mvn -q -pl examples -am compile exec:java -Ddemo.main=dev.secrets4j.examples.FetchDevSecrets \
 *     -Dexec.args="--manifest .env.example --out .env.development"</pre>
 */
public final class FetchDevSecrets {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@+,%^~=-]+");
  private static final AccessContext CONTEXT = AccessContext.of(System.getProperty("user.name", "developer"),
      "fetch-dev-secrets");

  private FetchDevSecrets() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err, Secrets::builderFromConfig);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** The tool without {@code System.exit}: 0 written, 1 refused or incomplete, 2 bad usage or configuration. */
  static int run(String[] args, PrintStream out, PrintStream err, Supplier<SecretsBuilder> config) {
    Path manifestPath = Paths.get(".env.example");
    Path target = Paths.get(".env.development");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--manifest") && i + 1 < args.length) {
        manifestPath = Paths.get(args[++i]);
      } else if (args[i].equals("--out") && i + 1 < args.length) {
        target = Paths.get(args[++i]);
      } else {
        err.println("usage: FetchDevSecrets [--manifest .env.example] [--out .env.development]");
        return 2;
      }
    }
    if (!Files.isRegularFile(manifestPath)) {
      err.println("manifest " + manifestPath.toAbsolutePath() + " does not exist; list the secrets the project needs in it");
      return 2;
    }
    try {
      Manifest manifest = Manifest.parse(manifestPath);
      try (Secrets secrets = config.get().build()) {
        if (!secrets.environment().name().equals("development")) {
          err.println("refusing to write development secrets: this process runs in " + secrets.environment()
              + " (" + secrets.detection().reason() + "); this tool only ever reads the development store");
          return 1;
        }
        StringBuilder text = new StringBuilder("# written by FetchDevSecrets from " + secrets.sourceId()
            + "; do not commit\n");
        int missing = 0;
        for (Manifest.Item item : manifest.itemsFor(secrets.environment())) {
          try {
            text.append(item.name()).append('=').append(quote(secrets.get(item.name(), CONTEXT).asString())).append('\n');
          } catch (SecretException e) {
            if (item.required()) {
              missing++;
            }
            err.println("  " + item.name() + ": " + e.getMessage());
          }
        }
        if (missing > 0) {
          err.println(missing + " required secrets could not be read; " + target + " was not written");
          return 1;
        }
        writeOwnerOnly(target, text.toString());
        out.println("wrote " + target + " (" + manifest.itemsFor(secrets.environment()).size() + " secrets, owner-only) from "
            + secrets.sourceId());
        if (!ignoredByGit(target)) {
          err.println("warning: " + target + " is not covered by .gitignore; add '.env.*' (and '!.env.example') to it");
        }
        return 0;
      }
    } catch (SecretException e) {
      err.println("secrets4j: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("cannot write " + target + ": " + e.getMessage());
      return 2;
    }
  }

  /** A dotenv value that reads back exactly: bare when plain, else double-quoted with escapes. */
  static String quote(String value) {
    if (!value.isEmpty() && PLAIN.matcher(value).matches()) {
      return value;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\': sb.append("\\\\"); break;
        case '"': sb.append("\\\""); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default: sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static void writeOwnerOnly(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, ".env-", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      tmp = Files.createTempFile(dir, ".env-", ".tmp");
    }
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Asks git when it can; else matches the folder's .gitignore lines as globs. */
  static boolean ignoredByGit(Path target) {
    Path abs = target.toAbsolutePath();
    try {
      Process p = new ProcessBuilder("git", "check-ignore", "-q", abs.toString())
          .directory(abs.getParent().toFile()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor(10, TimeUnit.SECONDS)) {
        if (p.exitValue() == 0) {
          return true;
        }
        if (p.exitValue() == 1) {
          return false;
        }
      }
    } catch (IOException e) {
      // no git: fall through
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ignoredByGitignoreFile(target);
  }

  /** The fallback without git: the folder's .gitignore lines matched as globs against the file name. */
  static boolean ignoredByGitignoreFile(Path target) {
    Path abs = target.toAbsolutePath();
    Path gitignore = abs.getParent().resolve(".gitignore");
    if (!Files.isRegularFile(gitignore)) {
      return false;
    }
    try {
      String name = abs.getFileName().toString();
      boolean ignored = false;
      for (String line : Files.readAllLines(gitignore, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        boolean negate = l.startsWith("!");
        String glob = (negate ? l.substring(1) : l).replaceFirst("^/", "");
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        if (m.matches(Paths.get(name))) {
          ignored = !negate;
        }
      }
      return ignored;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

}
