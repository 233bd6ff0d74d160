package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.time.Clock;
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
 * The bulk change check of {@code versionCheck=list}: one {@code ListSecrets} call (100 a page, {@link NameFilters})
 * gives the {@code AWSCURRENT} version id of every listed secret, without a value or a KMS decryption. A secret is
 * vouched for only when its value was read within {@code confirmEvery} ({@link ValueConfirmations}), it is not
 * scheduled for deletion, and a version holds {@code AWSCURRENT}; every other name is left out, so the resolver reads
 * its value (and hears the store's definitive answer). {@code ListSecrets} may lag recent changes by up to five
 * minutes: a rotation is seen within one refresh interval plus that lag, and within {@code confirmEvery} at worst.
 * The values are read in confirmation rounds spread over a fleet ({@link ConfirmationRounds}).
 */
final class ListingCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ListingCheck.class);

  private final SecretsManagerCalls calls;
  private final ConfirmationRounds rounds;
  private volatile boolean listDenied;

  ListingCheck(SecretsManagerCalls calls, Clock clock) {
    this.calls = calls;
    this.rounds = new ConfirmationRounds(clock, calls.settings.confirmEvery());
  }

  /**
   * The current version ids of those of {@code names} the listing vouches for; empty unless
   * {@code versionCheck=list}, or once the caller turned out not to be allowed {@code ListSecrets}.
   *
   * @throws SecretSourceException TRANSIENT when the store cannot answer now; another kind for another refusal
   */
  Map<String, String> currentVersionIds(Collection<String> names) throws SecretSourceException {
    if (calls.settings.versionCheck() != AwsSourceSettings.VersionCheck.LIST || listDenied || names.isEmpty()
        || rounds.due()) {
      return Map.of(); // a confirmation round: the values are read
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String n : names) {
      if (calls.confirmations.fresh(n)) {
        wanted.put(calls.secretId(n), n);
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (List<String> values : NameFilters.forCalls(calls.settings.prefix(), wanted.keySet())) {
      if (!list(values, wanted, out)) {
        return Map.of();
      }
    }
    return out;
  }

  /** Lists one filter's secrets into {@code out}; false when the caller may not list. */
  private boolean list(List<String> values, Map<String, String> wanted, Map<String, String> out)
      throws SecretSourceException {
    String token = null;
    // bounded: a prefix shared with many other secrets is not listed to its end
    int maxPages = wanted.size() / MetadataListing.PAGE_SIZE + 10;
    for (int page = 0; page < maxPages && out.size() < wanted.size(); page++) {
      calls.checkOpen("(listing)");
      ListSecretsResponse r;
      try {
        String next = token;
        r = calls.client.listSecrets(b -> b.maxResults(MetadataListing.PAGE_SIZE).nextToken(next)
            .filters(Filter.builder().key(FilterNameStringType.NAME).values(values).build()));
      } catch (SdkException e) {
        SecretSourceException mapped = AwsErrors.map(e, StoreCall.of("listing secrets to check for changes",
            values.get(0), "the secrets named " + values.get(0) + (values.size() > 1 ? ", ..." : ""),
            "check the prefix", "secretsmanager:ListSecrets"), calls.settings);
        if (mapped.kind() == Kind.ACCESS_DENIED) {
          listDenied = true;
          LOG.warn("{} may not call ListSecrets, so versionCheck=list reads every value on each refresh; allow "
              + "secretsmanager:ListSecrets (on *) to restore the cheap check", calls.id());
          return false;
        }
        throw mapped;
      }
      for (SecretListEntry e : r.secretList()) {
        String logical = wanted.get(e.name());
        String current = logical == null || e.deletedDate() != null ? null : currentOf(e);
        if (current != null) {
          out.put(logical, current);
        }
      }
      token = r.nextToken();
      if (token == null) {
        break;
      }
    }
    return true;
  }

  private static String currentOf(SecretListEntry e) {
    for (Map.Entry<String, List<String>> v : e.secretVersionsToStages().entrySet()) {
      if (v.getValue() != null && v.getValue().contains(VersionSelection.AWSCURRENT)) {
        return v.getKey();
      }
    }
    return null;
  }
}
