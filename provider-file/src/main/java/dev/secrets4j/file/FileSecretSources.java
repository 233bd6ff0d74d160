package dev.secrets4j.file;

import dev.secrets4j.Environment;
import dev.secrets4j.SecretConfigurationException;
import dev.secrets4j.file.internal.FileSources;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SourceUri;
import java.util.Objects;

/**
 * Creates {@code file:} and {@code dir:} sources in code, exactly as the resolver does from a source URI; for
 * applications that pass a {@link SecretSource} to {@code Secrets.builder().source(...)} themselves, or that hold
 * the key of an encrypted file themselves (from their own key store) instead of in {@code SECRETS4J_KEY_<ENV>}.
 *
 * <p>This is the provider SPI: a source's {@code fetch} bypasses the resolver's guards and audit trail, so
 * applications read secrets through {@code Secrets}, and use this class to hand a source to the builder, or in tests.
 *
 * <p>The source is bound to {@code environment}: {@code {env}} in the URI expands to its name, encrypted values
 * decrypt only for it, and exposed files are refused in production.
 */
public final class FileSecretSources {
  private FileSecretSources() {}

  /**
   * The source for {@code uri} in {@code environment}; an encrypted file's key comes from {@code keyFile=} or the
   * environment variable {@code SECRETS4J_KEY_<ENV>}.
   *
   * @throws SecretConfigurationException when the URI is malformed or the file is missing, exposed, malformed or
   *     undecryptable, naming the file and the fix
   */
  public static SecretSource fromUri(String uri, Environment environment) {
    return FileSources.create(SourceUri.parse(Objects.requireNonNull(uri, "uri"),
        Objects.requireNonNull(environment, "environment")), System::getenv, null);
  }

  /**
   * The source for an encrypted file {@code uri} in {@code environment}, decrypted with {@code key} (32 bytes,
   * copied; neither {@code keyFile=} nor the environment variable is read). The source zeroes its copy when closed.
   *
   * @throws IllegalArgumentException when {@code key} is not 32 bytes, or cannot be a random key (all printable text,
   *     or fewer than 16 distinct byte values)
   * @throws SecretConfigurationException as {@link #fromUri(String, Environment)}
   */
  public static SecretSource fromUri(String uri, Environment environment, byte[] key) {
    Objects.requireNonNull(key, "key");
    return FileSources.create(SourceUri.parse(Objects.requireNonNull(uri, "uri"),
        Objects.requireNonNull(environment, "environment")), System::getenv, key.clone());
  }
}
