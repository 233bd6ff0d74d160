package dev.secrets4j.aws.internal;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials of {@code roleArn=}: STS {@code AssumeRole} signed with the source's other credentials, with the
 * external id and session name of the URI, through an STS client of the source's own (its region, its timeouts and
 * retries, {@code stsEndpoint=}, {@code fips=}). The session is cached and renewed by the SDK before it expires:
 * the first read within {@link #PREFETCH_TIME} of its {@code Expiration} assumes the role again (with the same
 * external id), and no read signs with a session that has less than {@link #STALE_TIME} left.
 */
final class AssumedRoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
  /** How long before a session expires the next read renews it. */
  static final Duration PREFETCH_TIME = Duration.ofMinutes(5);
  /** How long before a session expires it is no longer used at all: reads wait for the renewal. */
  static final Duration STALE_TIME = Duration.ofMinutes(1);

  private final StsClient sts;
  private final StsAssumeRoleCredentialsProvider provider;
  private final RoleSettings role;

  AssumedRoleCredentials(AwsSourceSettings settings, AwsCredentialsProvider base) {
    this.role = settings.role();
    StsClientBuilder b = StsClient.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(base)
        .fipsEnabled(settings.fips())
        .dualstackEnabled(settings.dualstack())
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(settings.connectTimeout())
            .socketTimeout(settings.attemptTimeout()))
        .overrideConfiguration(Clients.overrides(settings.attemptTimeout(), settings.callTimeout(),
            settings.maxAttempts()));
    if (settings.stsEndpoint() != null) {
      b.endpointOverride(settings.stsEndpoint());
    }
    this.sts = b.build();
    this.provider = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .prefetchTime(PREFETCH_TIME)
        .staleTime(STALE_TIME)
        .refreshRequest(r -> r.roleArn(role.roleArn()).roleSessionName(role.sessionName())
            .externalId(role.externalId()))
        .build();
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return provider.resolveCredentials();
  }

  @Override
  public void close() {
    provider.close();
    sts.close();
  }

  @Override
  public String toString() {
    return "credentials of " + role;
  }
}
