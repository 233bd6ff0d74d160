/**
 * What applications import. Start with {@link dev.secrets4j.Secrets#fromConfig()} or
 * {@link dev.secrets4j.Secrets#builder()}; read with {@link dev.secrets4j.Secrets#get(String, AccessContext)};
 * audit with an {@link dev.secrets4j.AuditHook}; check a deployment with
 * {@link dev.secrets4j.Secrets#validate(Manifest)}. Every exception is a {@link dev.secrets4j.SecretException}.
 */
package dev.secrets4j;
