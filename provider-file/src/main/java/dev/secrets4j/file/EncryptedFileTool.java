package dev.secrets4j.file;

import dev.secrets4j.file.internal.EncryptedFileCli;

/**
 * The command line for encrypted files:
 * {@code java -cp secrets4j-core.jar:secrets4j-provider-file.jar:... dev.secrets4j.file.EncryptedFileTool COMMAND}.
 *
 * <pre>
 *   keygen [--out KEYFILE]              a new random key (base64)
 *   encrypt PLAINTEXT [--out FILE]      encrypt a dotenv file (FILE defaults to PLAINTEXT.enc)
 *   decrypt FILE [--out PLAINTEXT]      show (or write) the plaintext
 *   set FILE NAME                       set one value, read from standard input
 *   rekey FILE --new-key-file KEYFILE   re-encrypt every value with a new key
 *   reseal FILE                         re-seal a file whose comments or lines were edited by hand
 *   options: --env ENV, --key-file KEYFILE (default: the environment variable SECRETS4J_KEY_&lt;ENV&gt;)
 * </pre>
 *
 * Exit status 0 on success, 1 when the command fails (the reason on standard error, never a value), 2 for a
 * wrong command line. Only {@code decrypt} prints values, and only to its output.
 */
public final class EncryptedFileTool {
  private EncryptedFileTool() {}

  /** Runs one command and exits with its status. */
  public static void main(String[] args) {
    int status = EncryptedFileCli.run(args, System::getenv, System.in, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }
}
