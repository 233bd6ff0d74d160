/**
 * What secret store providers implement: {@link dev.secrets4j.spi.SecretSourceProvider} (found through
 * {@link java.util.ServiceLoader}) creates a {@link dev.secrets4j.spi.SecretSource} for a
 * {@link dev.secrets4j.spi.SourceUri}. Applications do not call these types directly.
 */
package dev.secrets4j.spi;
