/**
 * AWS Secrets Manager for secrets4j. Most applications only add this module and configure a source URI such
 * as {@code aws-sm://us-east-1?prefix={env}/}; {@link dev.secrets4j.aws.AwsSecretSources} is for those that
 * build their own {@code SecretsManagerClient}.
 */
package dev.secrets4j.aws;
