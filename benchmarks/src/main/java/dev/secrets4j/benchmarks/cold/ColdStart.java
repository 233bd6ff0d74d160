package dev.secrets4j.benchmarks.cold;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scenario "JVM start to first secret": whole processes, one per read, timed from their launch to their exit,
 * each with the class path an application of that client has (target/cold-start/*.classpath, written by the build),
 * against the local Secrets Manager in a process of its own. Each run launches every mode once, in an order rotated
 * from run to run, so that modes are compared within a run (paired). With a census, each mode first runs once more,
 * untimed, logging the classes it loads (that run also warms the file cache).
 */
public final class ColdStart {
  /** One kind of process: a client, its main class and the read it does. */
  record Mode(String id, String classPath, Class<?> main, String arg, String label) {}

  static final Mode SDK_ONE = new Mode("sdk-one", "sdk", SdkFirstSecret.class, "one",
      "plain SDK, `GetSecretValue`");
  static final Mode AWS_ONE = new Mode("aws-one", "aws-cache", AwsCacheFirstSecret.class, "one",
      "AWS caching client, `getSecretString`");
  static final Mode S4J_ONE = new Mode("s4j-one", "secrets4j", Secrets4jFirstSecret.class, "one",
      "secrets4j, builder and `get`");
  static final Mode S4J_CONFIG = new Mode("s4j-config", "secrets4j", Secrets4jFirstSecret.class, "config",
      "secrets4j, `Secrets.fromConfig()` and `get` (audit to SLF4J, the file's default)");
  static final Mode SDK_BATCH = new Mode("sdk-batch", "sdk", SdkFirstSecret.class, "batch",
      "plain SDK, one `BatchGetSecretValue` of 20");
  static final Mode SDK_BATCH_LIST = new Mode("sdk-batch-list", "sdk", SdkFirstSecret.class, "batch-list",
      "plain SDK, `BatchGetSecretValue` of 20, then one `ListSecrets`");
  static final Mode S4J_PRELOAD = new Mode("s4j-preload", "secrets4j", Secrets4jFirstSecret.class,
      "preload-prefix", "secrets4j, `preload` of 20, `prefix=dev/`");
  static final Mode S4J_PRELOAD_NO_PREFIX = new Mode("s4j-preload-no-prefix", "secrets4j",
      Secrets4jFirstSecret.class, "preload-no-prefix", "secrets4j, `preload` of 20, no `prefix=`");
  static final Mode AWS_TWENTY = new Mode("aws-twenty", "aws-cache", AwsCacheFirstSecret.class, "twenty",
      "AWS caching client, 20 `getSecretString` one after the other");
  static final List<Mode> MODES = List.of(SDK_ONE, AWS_ONE, S4J_ONE, S4J_CONFIG, SDK_BATCH, SDK_BATCH_LIST,
      S4J_PRELOAD, S4J_PRELOAD_NO_PREFIX, AWS_TWENTY);

  /**
   * What to run: the {@code java} launchers to measure, timed runs per mode, whether to log classes first, the
   * store's latency per call, and the JVM arguments every process gets (the hermetic AWS settings).
   */
  public record Settings(List<Path> javas, int runs, boolean census, long storeLatencyMillis, List<String> jvmArgs) {}

  /**
   * One mode on one JVM, in run order: the process times in ms, and of them the time the process took to make its
   * client ({@code client}: the SDK client, AWS's cache or the secrets4j resolver) and to read ({@code read}), as
   * it measured them; the store calls of a run; the classes it loaded.
   */
  record Measured(List<Double> millis, List<Double> client, List<Double> read, String calls, ClassCensus census) {
    Measured(List<Double> millis, String calls, ClassCensus census) {
      this(millis, List.of(), List.of(), calls, census);
    }
  }

  /** One process's figures: launch to exit, and the two steps it timed itself. */
  private record Launched(double millis, double client, double read) {}

  /** Everything measured on one JVM. */
  record OnJvm(String java, String version, Map<String, Measured> byMode) {}

  private ColdStart() {}

  /**
   * Runs the scenario and returns its table ({@code quick}: no verdicts); {@code log} gets a line per step.
   *
   * @throws IOException when the build's class path files are missing or a process cannot be started
   * @throws IllegalStateException when a measured process fails
   */
  public static ColdStartTable run(Settings settings, boolean quick, java.util.function.Consumer<String> log)
      throws Exception {
    return new ColdStartTable(measure(settings, log), quick, settings);
  }

  static List<OnJvm> measure(Settings settings, java.util.function.Consumer<String> log) throws Exception {
    Path target = targetDir();
    Path scratch = Files.createTempDirectory("secrets4j-cold-start");
    List<OnJvm> out = new ArrayList<>();
    String runner = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try (StoreProcess store = StoreProcess.start(runner, classPath(target, "server"), settings.jvmArgs(),
        settings.storeLatencyMillis())) {
      Path config = scratch.resolve("secrets4j.properties");
      Files.writeString(config, "environment=development\nsource=aws-sm://us-east-1?prefix=" + FirstSecret.PREFIX
          + "&endpoint=" + store.endpoint() + "\n", StandardCharsets.UTF_8);
      for (Path java : settings.javas()) {
        String version = version(java);
        log.accept("cold start on " + version + " (" + java + "): " + settings.runs() + " runs of " + MODES.size()
            + " processes" + (settings.census() ? ", after one census run each" : ""));
        Map<String, List<Launched>> times = new LinkedHashMap<>();
        Map<String, String> calls = new LinkedHashMap<>();
        Map<String, ClassCensus> census = new LinkedHashMap<>();
        for (Mode m : MODES) {
          times.put(m.id(), new ArrayList<>());
          if (settings.census()) {
            Path classLog = scratch.resolve(m.id() + "-" + out.size() + ".classes");
            launch(java, target, m, store, config, settings.jvmArgs(), classLog);
            census.put(m.id(), ClassCensus.of(classLog));
          }
        }
        for (int r = 0; r < settings.runs(); r++) {
          for (int i = 0; i < MODES.size(); i++) {
            Mode m = MODES.get((i + r) % MODES.size());
            times.get(m.id()).add(launch(java, target, m, store, config, settings.jvmArgs(), null));
            calls.put(m.id(), store.calls());
          }
        }
        Map<String, Measured> byMode = new LinkedHashMap<>();
        for (Mode m : MODES) {
          List<Double> millis = new ArrayList<>();
          List<Double> client = new ArrayList<>();
          List<Double> read = new ArrayList<>();
          for (Launched l : times.get(m.id())) {
            millis.add(l.millis());
            client.add(l.client());
            read.add(l.read());
          }
          byMode.put(m.id(), new Measured(millis, client, read, calls.get(m.id()), census.get(m.id())));
        }
        out.add(new OnJvm(java.toString(), version, byMode));
      }
    }
    return out;
  }

  /** Launches one process of {@code m}: its wall time, launch to exit, and its own two steps, in milliseconds. */
  private static Launched launch(Path java, Path target, Mode m, StoreProcess store, Path config,
      List<String> jvmArgs, Path classLog) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.addAll(jvmArgs);
    if (classLog != null) {
      cmd.add("-Xlog:class+load=info:file=" + classLog);
    }
    if (m == S4J_CONFIG) {
      cmd.add("-Dsecrets4j.config=" + config);
    }
    cmd.add("-cp");
    cmd.add(classPath(target, m.classPath()));
    cmd.add(m.main().getName());
    cmd.add(store.endpoint());
    cmd.add(m.arg());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("APP_ENV") || k.startsWith("SECRETS4J_"));
    store.reset();
    long start = System.nanoTime();
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    boolean exited = p.waitFor(2, TimeUnit.MINUTES);
    long nanos = System.nanoTime() - start;
    String text = new String(output, StandardCharsets.UTF_8);
    if (!exited || p.exitValue() != 0 || !text.contains("ok ")) {
      p.destroyForcibly();
      throw new IllegalStateException("cold-start process " + m.id() + " on " + java + " failed (exit "
          + (exited ? p.exitValue() : "none, killed") + "):\n" + text);
    }
    return new Launched(nanos / 1e6, figure(text, "client="), figure(text, "read="));
  }

  /** The number after {@code key} in a process's {@code ok} line. */
  private static double figure(String text, String key) {
    int at = text.indexOf(key, text.indexOf("ok "));
    if (at < 0) {
      return Double.NaN;
    }
    int end = at + key.length();
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return Double.parseDouble(text.substring(at + key.length(), end));
  }

  /** {@code target/cold-start/NAME.classpath} and the benchmark classes. */
  private static String classPath(Path target, String name) throws IOException {
    Path file = target.resolve("cold-start").resolve(name + ".classpath");
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " is missing; build with `mvn -B -q -pl benchmarks -am package -DskipTests`");
    }
    return Files.readString(file, StandardCharsets.UTF_8).trim() + java.io.File.pathSeparator
        + target.resolve("classes");
  }

  /** The build's target folder: the benchmarks jar's or classes folder's parent. */
  private static Path targetDir() throws URISyntaxException {
    return Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
  }

  /** {@code 17.0.15+6} from {@code java -version}'s first line's release. */
  private static String version(Path java) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
        .redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    for (String line : text.split("\n")) {
      String t = line.trim();
      if (t.startsWith("java.runtime.version = ")) {
        return "Java " + t.substring("java.runtime.version = ".length());
      }
    }
    return java.toString();
  }
}
