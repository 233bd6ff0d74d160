package dev.secrets4j.file.internal;

import dev.secrets4j.Environment;
import dev.secrets4j.EnvironmentDetector;
import dev.secrets4j.SecretConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The commands of {@link dev.secrets4j.file.EncryptedFileTool}, testable: arguments, environment variables and
 * streams are passed in, and the exit status is returned. Public for the tool; not API.
 */
public final class EncryptedFileCli {
  /** Success. */
  public static final int OK = 0;
  /** The command failed; the reason is on standard error. */
  public static final int FAILED = 1;
  /** The command line was wrong; the usage is on standard error. */
  public static final int USAGE = 2;

  static final String USAGE_TEXT = String.join("\n",
      "usage: java -cp <class path> dev.secrets4j.file.EncryptedFileTool COMMAND ...",
      "",
      "  keygen [--out KEYFILE]                        a new random key (base64) on standard output or in KEYFILE",
      "  encrypt PLAINTEXT [--out FILE]                encrypt a dotenv file (FILE defaults to PLAINTEXT.enc)",
      "  decrypt FILE [--out PLAINTEXT]                show (or write) the plaintext dotenv",
      "  set FILE NAME                                 set one value, read from standard input",
      "  rekey FILE --new-key-file KEYFILE             re-encrypt every value with a new key",
      "  reseal FILE                                   re-seal a file after editing its comments or lines by hand",
      "",
      "options:",
      "  --env ENV          the environment (default: from FILE's header, or a name like production.env)",
      "  --key-file KEYFILE the key; default: the environment variable SECRETS4J_KEY_<ENV> (base64 of 32 bytes)",
      "");

  private static final Set<String> COMMANDS = Set.of("keygen", "encrypt", "decrypt", "set", "rekey", "reseal");
  private static final Set<String> WITH_VALUE = Set.of("--out", "--env", "--key-file", "--new-key-file");

  private final Function<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  private EncryptedFileCli(Function<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** Runs one command; returns {@link #OK}, {@link #FAILED} or {@link #USAGE}. */
  public static int run(String[] args, Function<String, String> env, InputStream in, PrintStream out,
      PrintStream err) {
    return new EncryptedFileCli(env, in, out, err).run(args);
  }

  private static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private int run(String[] args) {
    List<String> positional = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("-h") || a.equals("--help")) {
          out.print(USAGE_TEXT);
          return OK;
        }
        if (a.startsWith("--")) {
          if (!WITH_VALUE.contains(a)) {
            throw new UsageException("unknown option " + a);
          }
          if (i + 1 >= args.length) {
            throw new UsageException(a + " needs a value");
          }
          if (options.put(a, args[++i]) != null) {
            throw new UsageException(a + " is given twice");
          }
        } else {
          positional.add(a);
        }
      }
      if (positional.isEmpty()) {
        throw new UsageException("no command");
      }
      String command = positional.get(0);
      if (!COMMANDS.contains(command)) {
        throw new UsageException("unknown command '" + command + "'");
      }
      List<String> operands = positional.subList(1, positional.size());
      switch (command) {
        case "keygen": return keygen(operands, options);
        case "encrypt": return encrypt(operands, options);
        case "decrypt": return decrypt(operands, options);
        case "set": return set(operands, options);
        case "rekey": return rekey(operands, options);
        default: return reseal(operands, options);
      }
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    } catch (SecretConfigurationException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    } catch (IOException e) {
      err.println("error: " + e);
      return FAILED;
    }
  }

  private int keygen(List<String> operands, Map<String, String> options) throws UsageException, IOException {
    expect(operands, 0, "keygen takes no file");
    allow(options, "--out");
    byte[] key = EncryptedFileOps.generateKey();
    try {
      String text = EncryptedFileOps.encodeKey(key);
      String outFile = options.get("--out");
      if (outFile == null) {
        out.println(text);
      } else {
        Path p = Path.of(outFile);
        if (Files.exists(p)) {
          throw new SecretConfigurationException(p + " exists; a key file is never overwritten");
        }
        TextFiles.writeAtomically(p, text + "\n", true);
        err.println("wrote a new key to " + p + " (rw-------), key id " + EncryptedFileOps.keyId(key));
      }
      return OK;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private int encrypt(List<String> operands, Map<String, String> options) throws UsageException, IOException {
    expect(operands, 1, "encrypt takes one PLAINTEXT file");
    allow(options, "--out", "--env", "--key-file");
    Path plain = Path.of(operands.get(0));
    Path target = Path.of(options.getOrDefault("--out", plain + ".enc"));
    String previous = Files.exists(target) ? TextFiles.readText(target) : null;
    Environment environment = environment(options, previous, plain);
    Key key = key(options.get("--key-file"), environment);
    try {
      String text = TextFiles.readText(plain);
      String encrypted = EncryptedFileOps.encrypt(text, plain.toString(), environment, key.bytes, key.origin, previous);
      TextFiles.writeAtomically(target, encrypted, false);
      err.println("wrote " + target + " (environment " + environment + ", key id "
          + EncryptedFileOps.keyId(key.bytes) + "); " + plain + " still holds the plaintext: delete it or keep it "
          + "out of version control");
      return OK;
    } finally {
      key.wipe();
    }
  }

  private int decrypt(List<String> operands, Map<String, String> options) throws UsageException, IOException {
    expect(operands, 1, "decrypt takes one encrypted FILE");
    allow(options, "--out", "--env", "--key-file");
    Path file = Path.of(operands.get(0));
    String text = TextFiles.readText(file);
    Environment environment = environment(options, text, null);
    Key key = key(options.get("--key-file"), environment);
    try {
      String plain = EncryptedFileOps.decrypt(text, file.toString(), environment, key.bytes, key.origin);
      String outFile = options.get("--out");
      if (outFile == null) {
        out.print(plain);
        out.flush();
      } else {
        TextFiles.writeAtomically(Path.of(outFile), plain, true);
        err.println("wrote " + outFile + " (rw-------); keep it out of version control and delete it when done");
      }
      return OK;
    } finally {
      key.wipe();
    }
  }

  private int set(List<String> operands, Map<String, String> options) throws UsageException, IOException {
    expect(operands, 2, "set takes an encrypted FILE and a NAME");
    allow(options, "--env", "--key-file");
    Path file = Path.of(operands.get(0));
    String name = operands.get(1);
    String text = Files.exists(file) ? TextFiles.readText(file) : null;
    Environment environment = environment(options, text, file);
    Key key = key(options.get("--key-file"), environment);
    byte[] value = in.readNBytes((int) EncryptedFileOps.MAX_FILE);
    try {
      int len = value.length;
      if (len > 0 && value[len - 1] == '\n') {
        len--;
        if (len > 0 && value[len - 1] == '\r') {
          len--;
        }
      }
      if (len == 0) {
        throw new SecretConfigurationException("no value on standard input; pipe or type the value for " + name);
      }
      byte[] v = Arrays.copyOf(value, len);
      String updated;
      try {
        updated = EncryptedFileOps.set(text, file.toString(), environment, key.bytes, key.origin, name, v);
      } finally {
        Arrays.fill(v, (byte) 0);
      }
      TextFiles.writeAtomically(file, updated, false);
      err.println((text == null ? "created " : "updated ") + file + ": set " + name + " (environment "
          + environment + ")");
      return OK;
    } finally {
      Arrays.fill(value, (byte) 0);
      key.wipe();
    }
  }

  private int rekey(List<String> operands, Map<String, String> options) throws UsageException, IOException {
    expect(operands, 1, "rekey takes one encrypted FILE");
    allow(options, "--env", "--key-file", "--new-key-file");
    if (!options.containsKey("--new-key-file")) {
      throw new UsageException("rekey needs --new-key-file KEYFILE (make one with: keygen --out KEYFILE)");
    }
    Path file = Path.of(operands.get(0));
    String text = TextFiles.readText(file);
    Environment environment = environment(options, text, null);
    Key oldKey = key(options.get("--key-file"), environment);
    Key newKey = key(options.get("--new-key-file"), environment);
    try {
      String rekeyed = EncryptedFileOps.rekey(text, file.toString(), environment, oldKey.bytes, oldKey.origin,
          newKey.bytes, newKey.origin);
      TextFiles.writeAtomically(file, rekeyed, false);
      err.println("rekeyed " + file + " (environment " + environment + ") from key id "
          + EncryptedFileOps.keyId(oldKey.bytes) + " to " + EncryptedFileOps.keyId(newKey.bytes)
          + "; deploy the new key before this file");
      return OK;
    } finally {
      oldKey.wipe();
      newKey.wipe();
    }
  }

  private int reseal(List<String> operands, Map<String, String> options) throws UsageException, IOException {
    expect(operands, 1, "reseal takes one encrypted FILE");
    allow(options, "--env", "--key-file");
    Path file = Path.of(operands.get(0));
    String text = TextFiles.readText(file);
    Environment environment = environment(options, text, null);
    Key key = key(options.get("--key-file"), environment);
    try {
      TextFiles.writeAtomically(file,
          EncryptedFileOps.reseal(text, file.toString(), environment, key.bytes, key.origin), false);
      err.println("resealed " + file + " (environment " + environment + ")");
      return OK;
    } finally {
      key.wipe();
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void expect(List<String> operands, int n, String what) throws UsageException {
    if (operands.size() != n) {
      throw new UsageException(what);
    }
  }

  private static void allow(Map<String, String> options, String... allowed) throws UsageException {
    Set<String> ok = Set.of(allowed);
    for (String o : options.keySet()) {
      if (!ok.contains(o)) {
        throw new UsageException(o + " does not apply to this command");
      }
    }
  }

  /** --env, else the header of {@code encrypted}, else a name like {@code production.env} or {@code .env.production}. */
  private Environment environment(Map<String, String> options, String encrypted, Path named) {
    String given = options.get("--env");
    if (given != null) {
      return resolve(given);
    }
    if (encrypted != null) {
      Optional<String> fromHeader = EncryptedFileOps.environmentOf(encrypted);
      if (fromHeader.isPresent()) {
        return Environment.of(fromHeader.get());
      }
    }
    if (named != null && named.getFileName() != null) {
      String n = named.getFileName().toString();
      String candidate = n.startsWith(".env.") ? n.substring(5).split("\\.")[0] : n.split("\\.")[0];
      try {
        Environment e = EnvironmentDetector.standard().resolve(candidate);
        err.println("environment: " + e + " (from the file name; --env overrides it)");
        return e;
      } catch (SecretConfigurationException | IllegalArgumentException ignored) {
        // not an environment's name
      }
    }
    throw new SecretConfigurationException("which environment? add --env ENV (development, staging, production or "
        + "a custom one)");
  }

  private static Environment resolve(String name) {
    try {
      return EnvironmentDetector.standard().resolve(name);
    } catch (SecretConfigurationException e) {
      return Environment.of(name); // a custom environment; throws for an invalid name
    }
  }

  /** A key and where it came from. */
  private static final class Key {
    final byte[] bytes;
    final String origin;

    Key(byte[] bytes, String origin) {
      this.bytes = bytes;
      this.origin = origin;
    }

    void wipe() {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private Key key(String keyFile, Environment environment) throws IOException {
    if (keyFile != null) {
      Path p = Path.of(keyFile);
      if (!Files.isRegularFile(p)) {
        throw new SecretConfigurationException("key file " + p + " does not exist or is not a file");
      }
      if (Files.size(p) > 1024) {
        throw new SecretConfigurationException("key file " + p + " is over 1024 bytes; is it the right file?");
      }
      byte[] content = Files.readAllBytes(p);
      try {
        return new Key(EncryptedFileOps.decodeKey(content, "key file " + p), "key file " + p);
      } finally {
        Arrays.fill(content, (byte) 0);
      }
    }
    String variable = FileSources.keyVariable(environment);
    String text = env.apply(variable);
    if (text == null || text.isBlank()) {
      throw new SecretConfigurationException("no key for environment " + environment + ": set " + variable
          + " to the base64 key, or pass --key-file KEYFILE (make a key with: keygen)");
    }
    return new Key(EncryptedFileOps.decodeKeyText(text, "environment variable " + variable),
        "environment variable " + variable);
  }
}
