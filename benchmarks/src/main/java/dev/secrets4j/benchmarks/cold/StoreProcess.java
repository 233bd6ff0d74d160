package dev.secrets4j.benchmarks.cold;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@link ColdStartServer} process, driven through its standard input and output. */
final class StoreProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final PrintStream in;
  private final String endpoint;

  private StoreProcess(Process process) throws IOException {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    String first = out.readLine();
    if (first == null || !first.startsWith("endpoint ")) {
      process.destroyForcibly();
      throw new IOException("the cold-start store did not start: " + first);
    }
    this.endpoint = first.substring("endpoint ".length()).trim();
  }

  /** Starts the store with {@code java} on {@code classPath}, every call answered after {@code latencyMillis}. */
  static StoreProcess start(String java, String classPath, List<String> jvmArgs, long latencyMillis)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(ColdStartServer.class.getName());
    cmd.add(latencyMillis + "ms");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    return new StoreProcess(pb.start());
  }

  /** {@code http://127.0.0.1:PORT}. */
  String endpoint() {
    return endpoint;
  }

  /** Forgets the call counts. */
  void reset() throws IOException {
    ask("reset");
  }

  /** The calls since the last reset: {@code GetSecretValue=1 DescribeSecret=1 total=2}. */
  String calls() throws IOException {
    return ask("calls").substring("calls".length()).trim();
  }

  private String ask(String command) throws IOException {
    in.println(command);
    String answer = out.readLine();
    if (answer == null) {
      throw new IOException("the cold-start store stopped");
    }
    return answer;
  }

  @Override
  public void close() throws InterruptedException {
    in.close(); // the end of its input stops the server
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
