/**
 * secrets4j for MicroProfile Config (SmallRye Config) and Quarkus: a configuration source that serves mapped
 * properties from the resolver ({@link dev.secrets4j.microprofile.Secrets4jConfigSourceFactory}), the
 * {@code ${secrets4j::name}} expression ({@link dev.secrets4j.microprofile.Secrets4jSecretKeysHandlerFactory}), and
 * a Quarkus credentials provider for datasources and clients
 * ({@link dev.secrets4j.microprofile.Secrets4jCredentialsProvider}).
 *
 * <p>All three read through one resolver per configuration, built from the {@code secrets4j.*} keys of the
 * configuration itself or, when it has no {@code secrets4j.source}, from {@code secrets4j.properties}; a lookup
 * after the first load is a cache hit, without I/O.
 */
package dev.secrets4j.microprofile;
