package dev.secrets4j.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secrets4j.Environment;
import dev.secrets4j.file.FileSecretSources;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.VersionSelector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated malformed files, at least 10,000 per format, read through a real source: each read either succeeds,
 * finds no such secret, or fails with the library's own {@link SecretSourceException} of kind {@code PERMANENT}
 * naming the file, and no message in the cause chain holds any value of the input. Seeded, so a failure repeats.
 */
class MalformedInputFuzzTest {
  private static final int MALFORMED_PER_FORMAT = 10_000;
  private static final int MAX_ATTEMPTS = 40_000;
  private static final int ON_DISK_EVERY = 50;
  private static final byte[] INTERESTING = {'"', '\'', '\\', '=', '#', '\n', '\r', ' ', '\t', 0, (byte) 0xFF,
      (byte) 0xC3, '{', '}', '[', ']', ':', ',', 'u', 'x', 'A', '1', '-', '.', '!', '$', 'e'};
  private static final String[] KEYS = {"API_KEY", "db-password", "TOKEN", "app.url", "_PRIVATE", "PEM", "k1",
      "k2", "k3", "stripe-api-key"};

  @TempDir
  Path dir;

  /** A generated valid document, the canaries it holds (never to be echoed) and names to ask for. */
  static final class Doc {
    final byte[] content;
    final List<String> canaries;
    final List<String> names;

    Doc(String content, List<String> canaries, List<String> names) {
      this.content = content.getBytes(StandardCharsets.UTF_8);
      this.canaries = canaries;
      this.names = names;
    }
  }

  @Test
  void malformedDotenv_yieldsOnlyPermanentSourceErrors_thatNeverEchoAValue() throws Exception {
    int n = fuzz("development.env", 0xD07E_0001L, MalformedInputFuzzTest::dotenv, null, r -> "");
    assertThat(n).isGreaterThanOrEqualTo(MALFORMED_PER_FORMAT);
  }

  @Test
  void malformedProperties_yieldsOnlyPermanentSourceErrors_thatNeverEchoAValue() throws Exception {
    int n = fuzz("development.properties", 0x960E_0002L, MalformedInputFuzzTest::properties, null,
        MalformedInputFuzzTest::propertiesDefect);
    assertThat(n).isGreaterThanOrEqualTo(MALFORMED_PER_FORMAT);
  }

  @Test
  void malformedJson_yieldsOnlyPermanentSourceErrors_thatNeverEchoAValue() throws Exception {
    int n = fuzz("development.json", 0x150E_0003L, MalformedInputFuzzTest::json, null, r -> "");
    assertThat(n).isGreaterThanOrEqualTo(MALFORMED_PER_FORMAT);
  }

  @Test
  void malformedEncryptedFiles_yieldOnlyPermanentSourceErrors_thatNeverEchoAValue() throws Exception {
    byte[] key = EncryptedFileOps.generateKey();
    int n = fuzz("development.env.enc", 0xE0C0_0004L, r -> encrypted(r, key), key, r -> "");
    assertThat(n).isGreaterThanOrEqualTo(MALFORMED_PER_FORMAT);
  }

  /**
   * Runs until {@link #MALFORMED_PER_FORMAT} inputs were malformed; returns how many were. Each input goes through
   * the source's fetch after the file read; every {@link #ON_DISK_EVERY}th is also written to the file and fetched
   * from it, so the whole path is covered too.
   */
  private int fuzz(String fileName, long seed, Function<Random, Doc> generator, byte[] key,
      Function<Random, String> defect) throws Exception {
    Random rnd = new Random(seed);
    Path file = dir.resolve(fileName);
    TestFiles.write(file, generator.apply(rnd).content, "rw-------");
    FileSecretSource source = (FileSecretSource) (key == null
        ? FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT)
        : FileSecretSources.fromUri("file:" + file, Environment.DEVELOPMENT, key));
    int malformed = 0;
    int attempts = 0;
    try {
      while (malformed < MALFORMED_PER_FORMAT) {
        attempts++;
        if (attempts > MAX_ATTEMPTS) {
          throw new AssertionError("only " + malformed + " of " + attempts + " generated " + fileName
              + " inputs were malformed");
        }
        Doc doc = generator.apply(rnd);
        byte[] input = mutate(rnd, doc.content, defect.apply(rnd));
        String name = doc.names.get(rnd.nextInt(doc.names.size()));
        String where = fileName + " input #" + attempts + " (seed " + Long.toHexString(seed) + ")";
        boolean bad = check(where, doc, file, () -> source.fetchFromContent(input, name, VersionSelector.CURRENT));
        if (attempts % ON_DISK_EVERY == 0) {
          Files.write(file, input);
          assertThat(check(where + " on disk", doc, file, () -> source.fetch(name, VersionSelector.CURRENT)))
              .as(where + ": the same verdict from the file").isEqualTo(bad);
        }
        if (bad) {
          malformed++;
        }
      }
    } finally {
      source.close();
    }
    return malformed;
  }

  /** One fetch; true when it failed as malformed (with every rule checked), false when the content parsed. */
  private static boolean check(String where, Doc doc, Path file, Fetch fetch) {
    try {
      fetch.run();
      return false;
    } catch (SecretSourceException e) {
      if (e.kind() == SecretSourceException.Kind.NOT_FOUND) {
        return false; // parsed, and the mutation removed or renamed that key
      }
      assertThat(e.kind()).as(where).isEqualTo(SecretSourceException.Kind.PERMANENT);
      String messages = TestFiles.messages(e);
      if (!messages.contains(file.toString())) {
        throw new AssertionError(where + ": the message does not name the file");
      }
      for (String canary : doc.canaries) {
        for (int i = 0; i + 8 <= canary.length(); i++) {
          if (messages.contains(canary.substring(i, i + 8))) {
            throw new AssertionError(where + ": a message shows (part of) a value of the input");
          }
        }
      }
      return true;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(where + " escaped as " + e.getClass().getName(), e);
    }
  }

  /** A fetch. */
  private interface Fetch {
    void run() throws SecretSourceException;
  }

  // ---------------------------------------------------------------- mutations

  /** Inserts {@code defect} (if any) at a random line start, then applies 1 to 3 random byte-level mutations. */
  static byte[] mutate(Random r, byte[] content, String defect) {
    byte[] b = content;
    if (!defect.isEmpty()) {
      int at = lineStart(b, r.nextInt(b.length + 1));
      b = splice(b, at, 0, defect.getBytes(StandardCharsets.ISO_8859_1));
    }
    int count = 1 + r.nextInt(3);
    for (int i = 0; i < count; i++) {
      int pos = b.length == 0 ? 0 : r.nextInt(b.length);
      switch (r.nextInt(7)) {
        case 0: // delete a byte
          if (b.length > 0) b = splice(b, pos, 1, new byte[0]);
          break;
        case 1: // insert an interesting byte
          b = splice(b, pos, 0, new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]});
          break;
        case 2: // replace a byte
          if (b.length > 0) b = splice(b, pos, 1, new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]});
          break;
        case 3: { // duplicate the line around pos
          int s = lineStart(b, pos);
          int e = lineEnd(b, pos);
          b = splice(b, e, 0, java.util.Arrays.copyOfRange(b, s, e));
          break;
        }
        case 4: // truncate
          b = java.util.Arrays.copyOf(b, pos);
          break;
        case 5: // swap two neighbours
          if (pos + 1 < b.length) {
            byte t = b[pos];
            b = b.clone();
            b[pos] = b[pos + 1];
            b[pos + 1] = t;
          }
          break;
        default: // flip one bit
          if (b.length > 0) {
            b = b.clone();
            b[pos] ^= (byte) (1 << r.nextInt(8));
          }
      }
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
    out.write(b, 0, at);
    out.write(insert, 0, insert.length);
    out.write(b, at + remove, b.length - at - remove);
    return out.toByteArray();
  }

  private static int lineStart(byte[] b, int pos) {
    int p = Math.min(pos, b.length);
    while (p > 0 && b[p - 1] != '\n') {
      p--;
    }
    return p;
  }

  private static int lineEnd(byte[] b, int pos) {
    int p = pos;
    while (p < b.length && b[p] != '\n') {
      p++;
    }
    return Math.min(p + 1, b.length);
  }

  // ---------------------------------------------------------------- generators

  /**
   * A letter, nine letters or digits and {@code %}: a bare word where a parser would quote an unexpected token, and
   * (with its {@code %}) never a valid key or name. Messages are checked for any eight characters of it in a row.
   */
  private static String canary(Random r, List<String> canaries) {
    StringBuilder sb = new StringBuilder();
    sb.append("abcdefghijklmnopqrstuvwxyz".charAt(r.nextInt(26)));
    for (int i = 0; i < 9; i++) {
      sb.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(r.nextInt(36)));
    }
    String c = sb.append('%').toString();
    canaries.add(c);
    return c;
  }

  private static List<String> keys(Random r, int min, int max) {
    List<String> k = new ArrayList<>(List.of(KEYS));
    Collections.shuffle(k, r);
    return new ArrayList<>(k.subList(0, min + r.nextInt(max - min + 1)));
  }

  static Doc dotenv(Random r) {
    List<String> canaries = new ArrayList<>();
    List<String> keys = keys(r, 3, 8);
    String eol = r.nextInt(4) == 0 ? "\r\n" : "\n";
    StringBuilder sb = new StringBuilder(r.nextInt(8) == 0 ? "\uFEFF" : "");
    for (String k : keys) {
      if (r.nextInt(3) == 0) {
        sb.append(r.nextBoolean() ? "# a comment" : "").append(eol);
      }
      sb.append(r.nextInt(4) == 0 ? "export " : "").append(k).append(r.nextBoolean() ? "=" : " = ");
      String c = canary(r, canaries);
      switch (r.nextInt(6)) {
        case 0: sb.append("v").append(c); break;
        case 1: sb.append("'a ").append(c).append(" b'"); break;
        case 2: sb.append("\"x\\n").append(c).append("\\t\\\"q\\\"\""); break;
        case 3: sb.append("\"line one ").append(c).append(eol).append("line two\""); break;
        case 4: sb.append(c).append(" # trailing comment"); break;
        default: sb.append("'-----BEGIN-----").append(eol).append(c).append(eol).append("-----END-----'");
      }
      sb.append(eol);
    }
    return new Doc(sb.toString(), canaries, keys);
  }

  static Doc properties(Random r) {
    List<String> canaries = new ArrayList<>();
    List<String> keys = keys(r, 3, 8);
    StringBuilder sb = new StringBuilder(r.nextBoolean() ? "# settings\n" : "! settings\n");
    for (String k : keys) {
      String c = canary(r, canaries);
      switch (r.nextInt(5)) {
        case 0: sb.append(k).append('=').append(c); break;
        case 1: sb.append(k).append(": ").append(c); break;
        case 2: sb.append(k).append(' ').append(c); break;
        case 3: sb.append(k).append("=part ").append(c).append(" \\\n    continued"); break;
        default: sb.append(k).append("=caf\\u00e9 ").append(c).append(" ✓");
      }
      sb.append('\n');
    }
    return new Doc(sb.toString(), canaries, keys);
  }

  /** Properties parse almost anything: most inputs get a defect that the format does reject. */
  static String propertiesDefect(Random r) {
    switch (r.nextInt(4)) {
      case 0: return "k9=\\u12G4\n";
      case 1: return "k9=bad \\u00\n";
      case 2: return "k9=\u00ff\n"; // written as ISO-8859-1: a lone 0xFF byte, not UTF-8
      default: return KEYS[r.nextInt(KEYS.length)] + "=dup\n" + KEYS[r.nextInt(KEYS.length)] + "=dup\n";
    }
  }

  static Doc json(Random r) {
    List<String> canaries = new ArrayList<>();
    List<String> keys = keys(r, 2, 6);
    boolean pretty = r.nextBoolean();
    String nl = pretty ? "\n  " : "";
    StringBuilder sb = new StringBuilder("{");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      sb.append(i == 0 ? "" : ",").append(nl).append('"').append(k).append("\": ");
      String c = canary(r, canaries);
      switch (r.nextInt(4)) {
        case 0:
          sb.append('"').append(c).append('"');
          names.add(k);
          break;
        case 1:
          sb.append("{\"username\": \"app\", \"password\": \"").append(c).append("\", \"port\": 5432}");
          names.add(k + ".password");
          names.add(k);
          break;
        case 2:
          sb.append("[true, null, 1.5e3, \"").append(c).append("\"]");
          names.add(k);
          break;
        default:
          sb.append("\"esc \\\"").append(c).append("\\\" \\u00e9\\n\"");
          names.add(k);
      }
    }
    sb.append(pretty ? "\n}\n" : "}");
    return new Doc(sb.toString(), canaries, names);
  }

  static Doc encrypted(Random r, byte[] key) {
    Doc plain = dotenv(r);
    String text = EncryptedFileOps.encrypt(new String(plain.content, StandardCharsets.UTF_8), "fuzz",
        Environment.DEVELOPMENT, key, "fuzz key", null);
    List<String> canaries = new ArrayList<>(plain.canaries);
    for (String line : text.split("\n")) {
      int at = line.indexOf(EncryptedFormat.VALUE_PREFIX);
      if (at >= 0) {
        canaries.add(line.substring(at + EncryptedFormat.VALUE_PREFIX.length()));
      }
    }
    return new Doc(text, canaries, plain.names);
  }
}
