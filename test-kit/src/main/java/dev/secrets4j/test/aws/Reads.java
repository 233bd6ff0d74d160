package dev.secrets4j.test.aws;

import static dev.secrets4j.test.aws.Requests.maxResults;
import static dev.secrets4j.test.aws.Requests.nextToken;
import static dev.secrets4j.test.aws.Requests.optionalString;
import static dev.secrets4j.test.aws.Requests.optionalStrings;
import static dev.secrets4j.test.aws.Requests.pageStart;
import static dev.secrets4j.test.aws.Requests.requiredString;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations that read the store: {@code GetSecretValue}, {@code BatchGetSecretValue}, {@code DescribeSecret},
 * {@code ListSecrets}, {@code ListSecretVersionIds}. Callers hold the store's lock.
 */
final class Reads {
  static final int MAX_BATCH_IDS = 20;

  private final Store store;
  private final Faults faults;
  private final LocalKms kms;
  volatile int batchPageSize = MAX_BATCH_IDS;

  Reads(Store store, Faults faults, LocalKms kms) {
    this.store = store;
    this.faults = faults;
    this.kms = kms;
  }

  Map<String, Object> getSecretValue(Map<String, Object> req) throws AwsError {
    StoredSecret s = store.live(requiredString(req, "SecretId"));
    store.checkAccess(s, "GetSecretValue");
    StoredVersion v = select(s, optionalString(req, "VersionId"), optionalString(req, "VersionStage"));
    kms.decrypt(s);
    s.lastAccessed = store.now().truncatedTo(ChronoUnit.DAYS);
    Map<String, Object> out = s.idMembers();
    out.putAll(v.valueMembers());
    return out;
  }

  Map<String, Object> batchGetSecretValue(Map<String, Object> req) throws AwsError {
    List<String> ids = optionalStrings(req, "SecretIdList");
    boolean filters = req.get("Filters") != null;
    if (ids == null && !filters) {
      throw AwsError.invalidParameter("You must provide either SecretIdList or Filters.");
    }
    if (ids != null && filters) {
      throw AwsError.invalidParameter("You can't specify both SecretIdList and Filters.");
    }
    if (filters) {
      throw new AwsError(400, "InvalidRequestException", "Filters are not supported by this test server; "
          + "use SecretIdList.");
    }
    if (ids.isEmpty() || ids.size() > MAX_BATCH_IDS) {
      throw AwsError.invalidParameter("SecretIdList must hold between 1 and " + MAX_BATCH_IDS + " secret ids, it "
          + "held " + ids.size() + ".");
    }
    if (req.get("MaxResults") != null) {
      throw AwsError.invalidParameter("MaxResults can only be used with Filters.");
    }
    int start = pageStart(req);
    int end = Math.min(ids.size(), start + batchPageSize);
    List<Object> values = new ArrayList<>();
    List<Object> errors = new ArrayList<>();
    for (String id : ids.subList(Math.min(start, ids.size()), end)) {
      Fault fault = faults.take("BatchGetSecretValue", id, true);
      try {
        if (fault != null) {
          throw new AwsError(fault.status(), fault.type(), fault.message());
        }
        StoredSecret s = store.live(id);
        store.checkAccess(s, "GetSecretValue");
        StoredVersion v = select(s, null, LocalSecretsManager.CURRENT);
        kms.decrypt(s);
        s.lastAccessed = store.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Object> entry = s.idMembers();
        entry.putAll(v.valueMembers());
        values.add(entry);
      } catch (AwsError e) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("SecretId", id);
        err.put("ErrorCode", e.type);
        err.put("Message", e.getMessage());
        errors.add(err);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("SecretValues", values);
    out.put("Errors", errors);
    if (end < ids.size()) {
      out.put("NextToken", nextToken(end));
    }
    return out;
  }

  Map<String, Object> describeSecret(Map<String, Object> req) throws AwsError {
    StoredSecret s = store.find(requiredString(req, "SecretId"));
    store.checkAccess(s, "DescribeSecret");
    return describe(s);
  }

  private static Map<String, Object> describe(StoredSecret s) {
    Map<String, Object> out = s.idMembers();
    out.put("Description", s.description);
    out.put("KmsKeyId", s.kmsKeyId);
    out.put("RotationEnabled", s.rotationEnabled);
    if (s.rotateAfterDays != null || s.rotationSchedule != null) {
      Map<String, Object> rules = new LinkedHashMap<>();
      rules.put("AutomaticallyAfterDays", s.rotateAfterDays);
      rules.put("ScheduleExpression", s.rotationSchedule);
      out.put("RotationRules", rules);
    }
    out.put("LastRotatedDate", s.lastRotated);
    out.put("LastChangedDate", s.lastChanged);
    out.put("LastAccessedDate", s.lastAccessed);
    out.put("DeletedDate", s.deletedDate);
    out.put("NextRotationDate", s.nextRotation);
    List<Object> tags = new ArrayList<>();
    s.tags.forEach((k, v) -> {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("Key", k);
      t.put("Value", v);
      tags.add(t);
    });
    if (!tags.isEmpty()) {
      out.put("Tags", tags);
    }
    Map<String, Object> stages = new LinkedHashMap<>();
    for (StoredVersion v : s.versions.values()) {
      if (!v.stages.isEmpty()) {
        stages.put(v.id, new ArrayList<>(v.stages));
      }
    }
    out.put("VersionIdsToStages", stages);
    out.put("CreatedDate", s.created);
    return out;
  }

  /**
   * {@code ListSecrets} of the server's own account with the {@code name} filter (a case-sensitive prefix match, as
   * the service does it), {@code MaxResults} (1-100) and {@code NextToken}; secrets scheduled for deletion are left
   * out unless {@code IncludePlannedDeletion} is true. Each entry has the fields {@code DescribeSecret} gives. With a
   * {@linkplain LocalSecretsManager#listingLag listing lag}, each secret as it was that long ago.
   */
  Map<String, Object> listSecrets(Map<String, Object> req) throws AwsError {
    int max = maxResults(req);
    List<String> prefixes = new ArrayList<>();
    if (req.get("Filters") instanceof List) {
      for (Object f : (List<?>) req.get("Filters")) {
        Map<?, ?> filter = (Map<?, ?>) f;
        if (!"name".equals(filter.get("Key"))) {
          throw AwsError.invalidParameter("filter key " + filter.get("Key") + " is not served by this server (only "
              + "name)");
        }
        for (Object v : (List<?>) filter.get("Values")) {
          prefixes.add(String.valueOf(v));
        }
      }
    }
    boolean planned = Boolean.TRUE.equals(req.get("IncludePlannedDeletion"));
    List<StoredSecret> matching = new ArrayList<>();
    java.time.Duration lag = store.listingLag;
    java.time.Instant asOf = store.now().minus(lag);
    for (StoredSecret live : store.secrets.values()) {
      StoredSecret s = lag.isZero() ? live : live.listing.asOf(live, asOf);
      if (s != null && (planned || s.deletedDate == null)
          && (prefixes.isEmpty() || prefixes.stream().anyMatch(s.name::startsWith))) {
        store.checkAccess(live, "ListSecrets");
        matching.add(s);
      }
    }
    int start = Math.min(pageStart(req), matching.size());
    int end = Math.min(matching.size(), start + max);
    List<Object> list = new ArrayList<>();
    for (StoredSecret s : matching.subList(start, end)) {
      Map<String, Object> entry = describe(s);
      entry.put("SecretVersionsToStages", entry.remove("VersionIdsToStages"));
      list.add(entry);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("SecretList", list);
    if (end < matching.size()) {
      out.put("NextToken", nextToken(end));
    }
    return out;
  }

  Map<String, Object> listSecretVersionIds(Map<String, Object> req) throws AwsError {
    StoredSecret s = store.find(requiredString(req, "SecretId"));
    store.checkAccess(s, "ListSecretVersionIds");
    boolean deprecated = Boolean.TRUE.equals(req.get("IncludeDeprecated"));
    int max = maxResults(req);
    List<StoredVersion> all = new ArrayList<>();
    for (StoredVersion v : s.versions.values()) {
      if (deprecated || !v.stages.isEmpty()) {
        all.add(v);
      }
    }
    int start = Math.min(pageStart(req), all.size());
    int end = Math.min(all.size(), start + max);
    List<Object> versions = new ArrayList<>();
    for (StoredVersion v : all.subList(start, end)) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("VersionId", v.id);
      e.put("VersionStages", new ArrayList<>(v.stages));
      e.put("CreatedDate", v.created);
      versions.add(e);
    }
    Map<String, Object> out = s.idMembers();
    out.put("Versions", versions);
    if (end < all.size()) {
      out.put("NextToken", nextToken(end));
    }
    return out;
  }

  private static StoredVersion select(StoredSecret s, String versionId, String stage) throws AwsError {
    if (versionId != null) {
      StoredVersion v = s.versions.get(versionId);
      if (v == null) {
        throw AwsError.notFound("Secrets Manager can't find the specified secret value for VersionId: " + versionId);
      }
      if (stage != null && !v.stages.contains(stage)) {
        throw AwsError.invalidParameter("You provided a VersionStage that is not associated to the provided "
            + "VersionId.");
      }
      return v;
    }
    String label = stage == null ? LocalSecretsManager.CURRENT : stage;
    StoredVersion v = s.withStage(label);
    if (v == null) {
      throw AwsError.notFound("Secrets Manager can't find the specified secret value for staging label: " + label);
    }
    return v;
  }
}
