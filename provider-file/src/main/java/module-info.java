/**
 * secrets4j local files: the {@code file:} and {@code dir:} sources (dotenv, properties, JSON, Kubernetes-mounted
 * directories, encrypted files). Exports only {@code dev.secrets4j.file}; the sources are found through
 * {@code provides}.
 */
module dev.secrets4j.file {
  requires dev.secrets4j.core;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;

  exports dev.secrets4j.file;

  provides dev.secrets4j.spi.SecretSourceProvider with dev.secrets4j.file.internal.FileSourceProvider;
}
