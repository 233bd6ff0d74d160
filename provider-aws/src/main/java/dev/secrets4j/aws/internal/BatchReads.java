package dev.secrets4j.aws.internal;

import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * Many current values with {@code BatchGetSecretValue}, 20 ids a call, following {@code NextToken}. Names the
 * store reports as not found, denied or undecryptable are left out (the resolver reads each alone and reports its
 * own error); names that failed for a transient reason are read one by one at once, and so is a whole chunk whose
 * batch call was throttled ({@code GetSecretValue} has a hundred times the batch's quota). Once the caller turns out
 * not to be allowed {@code BatchGetSecretValue}, every name is read one by one, from then on.
 */
final class BatchReads {
  private static final Logger LOG = LoggerFactory.getLogger(BatchReads.class);
  /** The most ids one {@code BatchGetSecretValue} call accepts. */
  static final int BATCH_LIMIT = 20;
  /** A bound on {@code NextToken} pages for one id list, against a store that never stops paging. */
  static final int MAX_PAGES = BATCH_LIMIT;

  private final SecretsManagerCalls calls;
  private final SingleReads single;
  private volatile boolean batchDenied;

  BatchReads(SecretsManagerCalls calls, SingleReads single) {
    this.calls = calls;
    this.single = single;
  }

  /**
   * The current versions of {@code names} that the store gave.
   *
   * @throws SecretSourceException TRANSIENT when the store fails as a whole
   */
  Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
    Objects.requireNonNull(names, "names");
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(names));
    Map<String, SecretVersion> out = new LinkedHashMap<>();
    if (unique.isEmpty()) {
      return out;
    }
    calls.checkOpen(unique.get(0));
    for (int from = 0; from < unique.size(); from += BATCH_LIMIT) {
      List<String> chunk = unique.subList(from, Math.min(unique.size(), from + BATCH_LIMIT));
      if (batchDenied) {
        oneByOne(chunk, out);
        continue;
      }
      try {
        batch(chunk, out);
      } catch (Throttled t) {
        // BatchGetSecretValue's quota (100/s a region) is a hundredth of GetSecretValue's (10,000/s): when a fleet
        // starts at once, the batch is what runs out; read this chunk one by one instead of waiting for it
        LOG.debug("BatchGetSecretValue throttled for {}; reading {} secrets one by one", calls.id(), chunk.size());
        oneByOne(chunk, out);
      } catch (SecretSourceException e) {
        if (e.kind() == Kind.TRANSIENT) {
          throw e;
        }
        if (e.kind() == Kind.ACCESS_DENIED) {
          batchDenied = true;
          LOG.warn("{} may not call BatchGetSecretValue ({}); reading secrets one by one from now on",
              calls.id(), e.getMessage());
        } else {
          LOG.debug("BatchGetSecretValue refused by {}; reading this batch one by one: {}", calls.id(),
              e.getMessage());
        }
        oneByOne(chunk, out);
      }
    }
    return out;
  }

  private void batch(List<String> chunk, Map<String, SecretVersion> out) throws SecretSourceException, Throttled {
    Map<String, String> byAwsId = new HashMap<>();
    List<String> ids = new ArrayList<>(chunk.size());
    for (String name : chunk) {
      String awsId = calls.secretId(name);
      byAwsId.put(awsId, name);
      ids.add(awsId);
    }
    List<String> retryAlone = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      BatchGetSecretValueResponse r;
      try {
        r = calls.client.batchGetSecretValue(BatchGetSecretValueRequest.builder().secretIdList(ids)
            .nextToken(token).build());
      } catch (SdkException e) {
        String what = chunk.size() + " secrets (" + chunk.get(0) + ", ...)";
        if (e instanceof SdkServiceException service && service.isThrottlingException()) {
          throw new Throttled();
        }
        throw AwsErrors.map(e, StoreCall.of("reading " + what, ids.get(0) + ", ...", what, "check the names and "
            + "the prefix '" + calls.settings.prefix() + "'", "secretsmanager:BatchGetSecretValue"), calls.settings);
      }
      for (SecretValueEntry v : r.secretValues()) {
        String name = asked(byAwsId, v.arn(), v.name(), out.keySet());
        if (name == null) {
          LOG.debug("{} answered a batch with secret '{}' that was not asked for; ignored", calls.id(), v.name());
          continue;
        }
        out.put(name, calls.noteReplica(SecretValues.toVersion(name, calls.id(), v.versionId(), v.secretString(),
            v.secretBinary(), v.createdDate(), v.versionStages())));
        calls.confirmations.confirmed(name);
      }
      for (APIErrorType err : r.errors()) {
        String name = byAwsId.get(err.secretId());
        if (name == null) {
          continue;
        }
        if (transientCode(err.errorCode())) {
          retryAlone.add(name);
        } else {
          calls.confirmations.forget(name);
          LOG.debug("batch read of secret '{}' from {} failed with {}; left for a single read", name, calls.id(),
              err.errorCode());
        }
      }
      token = r.nextToken();
    } while (token != null && !token.isEmpty() && ++pages < MAX_PAGES);
    for (String name : retryAlone) {
      if (out.containsKey(name)) {
        continue;
      }
      try {
        out.put(name, single.fetch(name, VersionSelector.CURRENT));
      } catch (SecretSourceException e) {
        LOG.debug("single read of secret '{}' after a batch error failed too ({}); left out", name, e.kind());
      }
    }
  }

  /**
   * The logical name an answer entry was asked for: by its full ARN, by its ARN without AWS's six-character suffix
   * (a partial ARN), or by its name (an id of the caller's account). The ARN comes first, so that a secret of
   * another account is not taken for a same-named one of this account. A secret asked for under two ids is
   * answered twice; each answer goes to the first of its ids not answered yet.
   */
  static String asked(Map<String, String> byAwsId, String arn, String name, java.util.Set<String> answered) {
    List<String> ids = new ArrayList<>(3);
    if (arn != null) {
      ids.add(arn);
      if (arn.length() > 7 && arn.charAt(arn.length() - 7) == '-') {
        ids.add(arn.substring(0, arn.length() - 7));
      }
    }
    if (name != null) {
      ids.add(name);
    }
    String first = null;
    for (String id : ids) {
      String hit = byAwsId.get(id);
      if (hit != null && !answered.contains(hit)) {
        return hit;
      }
      first = first == null ? hit : first;
    }
    return first;
  }

  private void oneByOne(List<String> names, Map<String, SecretVersion> out) throws SecretSourceException {
    for (String name : names) {
      try {
        out.put(name, single.fetch(name, VersionSelector.CURRENT));
      } catch (SecretSourceException e) {
        if (e.kind() == Kind.TRANSIENT) {
          throw e;
        }
        // left out: the resolver fetches it alone and reports its own error
      }
    }
  }

  /** The batch call itself was throttled (after the SDK's own retries): the chunk is read one by one. */
  private static final class Throttled extends Exception {
    private static final long serialVersionUID = 1L;

    Throttled() {
      super(null, null, false, false);
    }
  }

  /** True for the per-secret error codes of a batch answer that are worth a retry: throttling, 5xx, timeouts. */
  static boolean transientCode(String code) {
    if (code == null) {
      return false;
    }
    String c = code.toLowerCase(Locale.ROOT);
    return c.contains("throttl") || c.contains("toomanyrequests") || c.contains("limitexceeded")
        || c.equals("internalserviceerror") || c.contains("unavailable") || c.contains("internalfailure")
        || c.contains("timeout");
  }
}
