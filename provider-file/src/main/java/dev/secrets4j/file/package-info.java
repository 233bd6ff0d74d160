/**
 * Secrets from local files: dotenv, properties, JSON, Kubernetes-mounted directories and encrypted dotenv files.
 *
 * <p>Most applications need nothing from this package: putting the artifact on the class path makes the
 * {@code file:} and {@code dir:} source URIs work ({@code file:config/secrets/{env}.env},
 * {@code dir:/var/run/secrets/app}, {@code file:secrets/{env}.env.enc}). This package adds
 * {@link dev.secrets4j.file.FileSecretSources} to create such sources in code (with a key the application holds),
 * {@link dev.secrets4j.file.EncryptedFiles} to create, read and re-key encrypted files, and
 * {@link dev.secrets4j.file.EncryptedFileTool}, the same as a command.
 */
package dev.secrets4j.file;
