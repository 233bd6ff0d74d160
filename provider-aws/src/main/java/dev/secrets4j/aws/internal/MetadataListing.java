package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * The metadata of many secrets from {@code ListSecrets} filtered on the source's prefix, 100 a page: a cold start
 * reads the tags of a hundred secrets in one or two calls instead of a hundred {@code DescribeSecret}s. Without a
 * prefix (the listing would be the whole account), or once the caller may not call {@code ListSecrets}, it returns
 * nothing and the resolver asks one by one. The name filter is a case-sensitive prefix, as the source's names are.
 */
final class MetadataListing {
  private static final Logger LOG = LoggerFactory.getLogger(MetadataListing.class);
  static final int PAGE_SIZE = 100;

  private final SecretsManagerCalls calls;
  private volatile boolean listDenied;

  MetadataListing(SecretsManagerCalls calls) {
    this.calls = calls;
  }

  /**
   * The metadata of those of {@code names} the listing holds.
   *
   * @throws SecretSourceException with the kind of the store's answer, except a refusal (then empty)
   */
  Map<String, SecretMetadata> metadataAll(Collection<String> names) throws SecretSourceException {
    String prefix = calls.settings.prefix();
    if (prefix.isEmpty() || listDenied || names.size() < 2) {
      return Map.of();
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String n : names) {
      wanted.put(calls.secretId(n), n);
    }
    Map<String, SecretMetadata> out = new LinkedHashMap<>();
    String token = null;
    // bounded: a prefix shared with many other secrets is not listed to its end
    int maxPages = names.size() / PAGE_SIZE + 10;
    for (int page = 0; page < maxPages && out.size() < wanted.size(); page++) {
      calls.checkOpen("(listing)");
      ListSecretsResponse r;
      try {
        String next = token;
        r = calls.client.listSecrets(b -> b.maxResults(PAGE_SIZE).nextToken(next)
            .filters(Filter.builder().key(FilterNameStringType.NAME).values(prefix).build()));
      } catch (SdkException e) {
        SecretSourceException mapped = AwsErrors.map(e, StoreCall.of("listing secrets under '" + prefix + "'",
            prefix, "the secrets under prefix '" + prefix + "'", "check the prefix", "secretsmanager:ListSecrets"),
            calls.settings);
        if (mapped.kind() == Kind.ACCESS_DENIED) {
          listDenied = true;
          LOG.info("{} may not call ListSecrets; metadata is read one secret at a time (allow "
              + "secretsmanager:ListSecrets for faster cold starts)", calls.id());
          return Map.of();
        }
        throw mapped;
      }
      for (SecretListEntry e : r.secretList()) {
        String logical = wanted.get(e.name());
        // one scheduled for deletion is left out: read alone, it gets its definitive error
        if (logical != null && e.deletedDate() == null) {
          out.put(logical, MetadataMapping.metadataOf(e.createdDate(), e.lastChangedDate(), e.lastRotatedDate(),
              e.nextRotationDate(), e.rotationEnabled(), e.rotationRules(), e.deletedDate(), e.tags()));
        }
      }
      token = r.nextToken();
      if (token == null) {
        break;
      }
    }
    return out;
  }
}
