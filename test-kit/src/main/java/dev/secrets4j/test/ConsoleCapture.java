package dev.secrets4j.test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies what is written to standard output and standard error from start to stop, still passing it through, so a
 * test can search it. Nested captures chain: each stop puts back the streams its start found.
 */
final class ConsoleCapture {
  private final PrintStream originalOut;
  private final PrintStream originalErr;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  private ConsoleCapture() {
    this.originalOut = System.out;
    this.originalErr = System.err;
  }

  static ConsoleCapture start() {
    ConsoleCapture c = new ConsoleCapture();
    System.setOut(c.tee(c.originalOut));
    System.setErr(c.tee(c.originalErr));
    return c;
  }

  String captured() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }

  void stop() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private PrintStream tee(PrintStream original) {
    OutputStream both = new OutputStream() {
      @Override
      public void write(int b) {
        original.write(b);
        synchronized (copy) {
          copy.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        synchronized (copy) {
          copy.write(b, off, len);
        }
      }

      @Override
      public void flush() {
        original.flush();
      }
    };
    return new PrintStream(both, true, StandardCharsets.UTF_8);
  }
}
