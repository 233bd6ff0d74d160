/**
 * Runnable examples: {@link dev.secrets4j.examples.Demo} (the README's first command),
 * {@link dev.secrets4j.examples.FetchDevSecrets} (writes {@code .env.development} from the development store),
 * {@link dev.secrets4j.examples.RotatingConnectionPool} and {@link dev.secrets4j.examples.JwtVerifier}. Not published.
 */
package dev.secrets4j.examples;
