/**
 * Implementation of the file provider: the {@code file:} and {@code dir:} sources, the parsers for dotenv,
 * properties, JSON and encrypted files, and the encrypted-file tool's commands.
 *
 * <p><b>Not API.</b> Everything here may change in any release; applications use {@link dev.secrets4j.file}
 * or the {@code file:} and {@code dir:} source URIs.
 */
package dev.secrets4j.file.internal;
