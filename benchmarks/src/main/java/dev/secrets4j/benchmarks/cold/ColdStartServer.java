package dev.secrets4j.benchmarks.cold;

import dev.secrets4j.test.aws.LocalSecretsManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The store of the cold-start scenario, in a process of its own so that the measured processes pay only for their
 * client: the test kit's local Secrets Manager on 127.0.0.1, holding {@value FirstSecret#HOT} and
 * {@value FirstSecret#COUNT} more secrets, each under the prefix {@value FirstSecret#PREFIX} and again without it,
 * each tagged {@code environment=development}.
 *
 * <p>Prints {@code endpoint URL} once it listens, then answers lines on standard input: {@code reset} (forget the
 * call counts; answers {@code ok}), {@code calls} (answers {@code calls OP=N ...} for the operations that were
 * called). Stops at the end of standard input. Argument: the latency of every call ({@code 0ms}, {@code 20ms}).
 */
public final class ColdStartServer {
  static final String[] OPERATIONS = {"GetSecretValue", "BatchGetSecretValue", "DescribeSecret", "ListSecrets"};

  private ColdStartServer() {}

  public static void main(String[] args) throws IOException {
    Duration latency = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0].replace("ms", "")) : 0);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (LocalSecretsManager server = LocalSecretsManager.start()) {
      for (String name : FirstSecret.names(true)) {
        seed(server, name);
      }
      for (String name : FirstSecret.names(false)) {
        seed(server, name);
      }
      server.latency(latency);
      out.println("endpoint " + server.endpoint());
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        switch (line.trim()) {
          case "reset":
            server.resetCalls();
            out.println("ok");
            break;
          case "calls":
            StringBuilder sb = new StringBuilder("calls");
            for (String op : OPERATIONS) {
              int n = server.calls(op);
              if (n > 0) {
                sb.append(' ').append(op).append('=').append(n);
              }
            }
            sb.append(" total=").append(server.totalCalls());
            out.println(sb);
            break;
          default:
            out.println("unknown command '" + line.trim() + "'; use reset or calls");
        }
      }
    }
  }

  private static void seed(LocalSecretsManager server, String name) {
    server.put(name, "value-of-" + name + "-not-a-real-secret");
    server.tag(name, "environment", "development");
  }
}
