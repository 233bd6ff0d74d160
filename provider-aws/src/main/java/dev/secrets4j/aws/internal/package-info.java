/**
 * The AWS Secrets Manager provider's implementation. Not API: nothing here is stable or meant to be called by
 * applications, which use a {@code aws-sm://} source URI or {@link dev.secrets4j.aws.AwsSecretSources}.
 */
package dev.secrets4j.aws.internal;
