/**
 * Database credentials for HikariCP that follow rotation. Build a
 * {@link dev.secrets4j.hikari.SecretsCredentialsProvider} from a {@link dev.secrets4j.Secrets} resolver and a JSON
 * secret holding {@code username} and {@code password}, then either hand a {@code HikariConfig} to
 * {@link dev.secrets4j.hikari.SecretsCredentialsProvider#newDataSource(com.zaxxer.hikari.HikariConfig)}, or, for a
 * {@code HikariDataSource} created elsewhere (a framework), call
 * {@link dev.secrets4j.hikari.SecretsCredentialsProvider#configure(com.zaxxer.hikari.HikariConfig)} before its
 * pool starts.
 */
package dev.secrets4j.hikari;
