package dev.secrets4j.benchmarks.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The fleet simulation: what fleets of 10 to 10,000 pods ask of AWS Secrets Manager, GCP Secret Manager and Azure
 * Key Vault, through the real resolver and providers against the test servers with the published quotas enforced.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.secrets4j.benchmarks.fleet.FleetRun [--quick] [--out FILE]
 *     [--only REGEX] (plans: aws-list, aws-list-24h, aws-value, gcp, azure-list, azure-list-24h, azure-value)
 * </pre>
 */
public final class FleetRun {
  static final int SECRETS = 100;

  private FleetRun() {}

  /**
   * One store mode, the fleet sizes it is simulated for, the most pods one of its rows runs (larger fleets are
   * sampled), and the span of its steady-state scenario.
   */
  record Plan(String label, Function<Clock, FleetStore> store, List<Integer> fleets, int maxPods, Duration steady) {}

  /** The plans: full, or quick (one small fleet for each main mode, for CI). */
  static List<Plan> plans(boolean quick) {
    Duration hour = Duration.ofHours(1);
    // GCP's steady state repeats every 5-minute cycle (a payload read per secret): half an hour, reported per hour
    Duration half = Duration.ofMinutes(30);
    if (quick) {
      return List.of(
          new Plan("aws-list", c -> new AwsFleetStore(c, "&versionCheck=list", AWS_LIST), List.of(10), 10, hour),
          new Plan("gcp", GcpFleetStore::new, List.of(10), 10, half),
          new Plan("azure-list", c -> new AzureFleetStore(c, "versionCheck=list", AZURE_LIST), List.of(10), 5,
              hour));
    }
    List<Integer> all = List.of(10, 100, 1_000, 10_000);
    return List.of(
        new Plan("aws-list", c -> new AwsFleetStore(c, "&versionCheck=list", AWS_LIST), all, 100, hour),
        new Plan("aws-list-24h", c -> new AwsFleetStore(c, "&versionCheck=list&confirmEvery=24h", AWS_LIST_24H),
            List.of(10), 10, hour),
        new Plan("aws-value", c -> new AwsFleetStore(c, "", AWS_VALUE), List.of(10, 1_000), 100, hour),
        new Plan("gcp", GcpFleetStore::new, all, 50, half),
        // 1,000 and 10,000 pods: a restart is 100,000 or 1,000,000 reads at 400 a second, over the quota for minutes
        // (computed in the README); simulated, the start-up loop's retries make it too slow to run here
        new Plan("azure-list", c -> new AzureFleetStore(c, "versionCheck=list", AZURE_LIST), List.of(10, 100), 10,
            hour),
        new Plan("azure-list-24h", c -> new AzureFleetStore(c, "versionCheck=list&confirmEvery=24h",
            AZURE_LIST_24H), List.of(10), 10, hour),
        new Plan("azure-value", c -> new AzureFleetStore(c, "", AZURE_VALUE), List.of(10), 2, hour));
  }

  private static final String AWS_LIST = "AWS Secrets Manager, versionCheck=list";
  private static final String AWS_LIST_24H = "AWS Secrets Manager, versionCheck=list, confirmEvery=24h";
  private static final String AZURE_LIST_24H = "Azure Key Vault, versionCheck=list, confirmEvery=24h";
  private static final String AWS_VALUE = "AWS Secrets Manager, versionCheck=value (default)";
  private static final String AZURE_LIST = "Azure Key Vault, versionCheck=list";
  private static final String AZURE_VALUE = "Azure Key Vault, versionCheck=value (default)";

  /**
   * Runs the plans and returns the markdown.
   *
   * @param log where progress goes
   */
  public static String run(boolean quick, String only, java.util.function.Consumer<String> log) {
    List<FleetResult> rows = new ArrayList<>();
    for (Plan plan : plans(quick)) {
      for (int fleet : plan.fleets()) {
        if (only != null && !plan.label().matches(only)) {
          continue;
        }
        FleetResult r = FleetScenarios.run(plan.store(), fleet, plan.maxPods(), SECRETS, plan.steady());
        log.accept(String.format("fleet: %s, %,d pods (%d run): %.1f calls per pod-hour, restart %d s, %.0f s",
            r.store(), fleet, r.pods(), r.perPodHourTotal(), r.restartSeconds(), r.wallSeconds()));
        rows.add(r);
      }
    }
    return FleetTable.markdown(rows, SECRETS, quick,
        "java -cp benchmarks/target/benchmarks.jar dev.secrets4j.benchmarks.fleet.FleetRun"
            + (quick ? " --quick" : ""));
  }

  /**
   * Runs the simulation; prints the markdown, and writes it to {@code --out FILE}.
   *
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    boolean quick = false;
    Path out = null;
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--only" -> only = args[++i];
        default -> {
          System.err.println("unknown argument " + args[i] + "; use [--quick] [--out FILE] [--only REGEX]");
          System.exit(2);
        }
      }
    }
    // the resolver's warnings about the simulated outage are expected: thousands of lines that slow the run
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    String text = run(quick, only, System.err::println);
    System.out.println(text);
    if (out != null) {
      Files.writeString(out, text);
    }
  }
}
