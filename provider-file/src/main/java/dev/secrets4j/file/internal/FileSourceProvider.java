package dev.secrets4j.file.internal;

import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceProvider;
import dev.secrets4j.spi.SourceUri;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} provider of the {@code file:} and {@code dir:} schemes. Keys for encrypted
 * files come from {@code keyFile=} or the process environment ({@code SECRETS4J_KEY_<ENV>}).
 */
public final class FileSourceProvider implements SecretSourceProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public FileSourceProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("file", "dir");
  }

  @Override
  public SecretSource create(SourceUri uri) {
    return FileSources.create(uri, System::getenv, null);
  }

  /** The file's or directory's real path: two spellings of one file, or a link to it, are one store. */
  @Override
  public String identity(SourceUri uri) {
    return uri.localPathIdentity();
  }
}
