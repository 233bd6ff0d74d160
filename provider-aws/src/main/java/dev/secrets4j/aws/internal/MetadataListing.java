package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * The metadata of many secrets from {@code ListSecrets}, 100 a page, filtered by name ({@link NameFilters}: the
 * source's prefix, or without a prefix the wanted names themselves, ten a call): a cold start reads the tags of a
 * hundred secrets in one listing (ten without a prefix) instead of a hundred {@code DescribeSecret}s. Once the caller
 * may not call {@code ListSecrets}, it returns nothing and the resolver asks one by one. The name filter is a
 * case-sensitive prefix match; only the names asked for are kept.
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
    if (listDenied || names.size() < 2) {
      return Map.of();
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String n : names) {
      wanted.put(calls.secretId(n), n);
    }
    Map<String, SecretMetadata> out = new LinkedHashMap<>();
    for (List<String> values : NameFilters.forCalls(calls.settings.prefix(), wanted.keySet())) {
      if (!list(values, wanted, out)) {
        return Map.of();
      }
    }
    return out;
  }

  private boolean list(List<String> values, Map<String, String> wanted, Map<String, SecretMetadata> out)
      throws SecretSourceException {
    String token = null;
    // bounded: a prefix shared with many other secrets is not listed to its end
    int maxPages = wanted.size() / PAGE_SIZE + 10;
    for (int page = 0; page < maxPages && out.size() < wanted.size(); page++) {
      calls.checkOpen("(listing)");
      ListSecretsResponse r;
      try {
        String next = token;
        r = calls.client.listSecrets(b -> b.maxResults(PAGE_SIZE).nextToken(next)
            .filters(Filter.builder().key(FilterNameStringType.NAME).values(values).build()));
      } catch (SdkException e) {
        String first = values.get(0) + (values.size() > 1 ? ", ..." : "");
        SecretSourceException mapped = AwsErrors.map(e, StoreCall.of("listing secrets named " + first, first,
            "the secrets named " + first, "check the prefix", "secretsmanager:ListSecrets"), calls.settings);
        if (mapped.kind() == Kind.ACCESS_DENIED) {
          listDenied = true;
          LOG.info("{} may not call ListSecrets; metadata is read one secret at a time (allow "
              + "secretsmanager:ListSecrets for faster cold starts)", calls.id());
          return false;
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
    return true;
  }
}
