/**
 * secrets4j core: the API applications use ({@code dev.secrets4j}), the SPI providers implement
 * ({@code dev.secrets4j.spi}) and the command-line tools ({@code dev.secrets4j.cli}). Everything else, the
 * {@code internal} package included, is not exported.
 */
module dev.secrets4j.core {
  requires com.github.benmanes.caffeine;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;

  exports dev.secrets4j;
  exports dev.secrets4j.spi;
  exports dev.secrets4j.cli;

  uses dev.secrets4j.spi.SecretSourceProvider;
  uses dev.secrets4j.spi.CredentialPatterns;

  provides dev.secrets4j.spi.SecretSourceProvider with dev.secrets4j.internal.CoreProviders.Env;
}
