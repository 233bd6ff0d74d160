package dev.secrets4j.test.aws;

import static dev.secrets4j.test.aws.Requests.optionalBinary;
import static dev.secrets4j.test.aws.Requests.optionalString;
import static dev.secrets4j.test.aws.Requests.optionalStrings;
import static dev.secrets4j.test.aws.Requests.requiredString;
import static dev.secrets4j.test.aws.Requests.tokenOrNew;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The operations that change the store: {@code CreateSecret}, {@code PutSecretValue},
 * {@code UpdateSecretVersionStage}, {@code DeleteSecret}, {@code RestoreSecret}, with AWS's stage rules. Callers
 * hold the store's lock.
 */
final class Writes {
  private final Store store;

  Writes(Store store) {
    this.store = store;
  }

  Map<String, Object> createSecret(Map<String, Object> req) throws AwsError {
    String name = requiredString(req, "Name");
    StoredSecret existing = store.secrets.get(name);
    if (existing != null) {
      if (existing.deletedDate != null) {
        throw new AwsError(400, "InvalidRequestException", "You can't create this secret because a secret with this "
            + "name is already scheduled for deletion.");
      }
      throw new AwsError(400, "ResourceExistsException", "The operation failed because the secret " + name
          + " already exists.");
    }
    String string = optionalString(req, "SecretString");
    byte[] binary = optionalBinary(req, "SecretBinary");
    if (string != null && binary != null) {
      throw AwsError.invalidParameter("You can't specify both a binary secret value and a string secret value in "
          + "the same secret.");
    }
    StoredSecret s = new StoredSecret(store.region, LocalSecretsManager.ACCOUNT, name, store.now());
    s.description = optionalString(req, "Description");
    s.kmsKeyId = optionalString(req, "KmsKeyId");
    Object tags = req.get("Tags");
    if (tags instanceof List) {
      for (Object t : (List<?>) tags) {
        Map<?, ?> tag = (Map<?, ?>) t;
        s.tags.put(String.valueOf(tag.get("Key")), String.valueOf(tag.get("Value")));
      }
    }
    store.secrets.put(name, s);
    Map<String, Object> out = s.idMembers();
    if (string != null || binary != null) {
      String id = tokenOrNew(req);
      s.addVersion(id, string, binary, List.of(LocalSecretsManager.CURRENT), store.now());
      out.put("VersionId", id);
    }
    return out;
  }

  Map<String, Object> putSecretValue(Map<String, Object> req) throws AwsError {
    StoredSecret s = store.live(requiredString(req, "SecretId"));
    String string = optionalString(req, "SecretString");
    byte[] binary = optionalBinary(req, "SecretBinary");
    if ((string == null) == (binary == null)) {
      throw AwsError.invalidParameter("You must provide either SecretString or SecretBinary, not both.");
    }
    List<String> stages = optionalStrings(req, "VersionStages");
    if (stages == null || stages.isEmpty()) {
      stages = List.of(LocalSecretsManager.CURRENT);
    }
    String id = tokenOrNew(req);
    StoredVersion existing = s.versions.get(id);
    if (existing != null) {
      if (Objects.equals(existing.string, string) && Arrays.equals(existing.binary, binary)) {
        return putAnswer(s, existing); // idempotent retry of the same put
      }
      throw new AwsError(400, "ResourceExistsException", "A resource with the ID you requested already exists.");
    }
    return putAnswer(s, s.addVersion(id, string, binary, stages, store.now()));
  }

  private static Map<String, Object> putAnswer(StoredSecret s, StoredVersion v) {
    Map<String, Object> out = s.idMembers();
    out.put("VersionId", v.id);
    out.put("VersionStages", new ArrayList<>(v.stages));
    return out;
  }

  Map<String, Object> updateSecretVersionStage(Map<String, Object> req) throws AwsError {
    StoredSecret s = store.live(requiredString(req, "SecretId"));
    String stage = requiredString(req, "VersionStage");
    String removeFrom = optionalString(req, "RemoveFromVersionId");
    String moveTo = optionalString(req, "MoveToVersionId");
    StoredVersion holder = s.withStage(stage);
    StoredVersion target = null;
    if (moveTo != null) {
      target = s.versions.get(moveTo);
      if (target == null) {
        throw AwsError.invalidParameter("Secrets Manager can't find the version " + moveTo + ".");
      }
    }
    if (holder != null && holder != target && !holder.id.equals(removeFrom)) {
      throw AwsError.invalidParameter("The parameter RemoveFromVersionId can't be empty. Staging label " + stage
          + " is currently attached to version " + holder.id + ", so you must explicitly reference that version in "
          + "RemoveFromVersionId.");
    }
    if (removeFrom != null && (holder == null || !holder.id.equals(removeFrom))) {
      throw AwsError.invalidParameter("Staging label " + stage + " is not attached to version " + removeFrom + ".");
    }
    if (target == null && LocalSecretsManager.CURRENT.equals(stage)) {
      throw AwsError.invalidParameter("You can't remove the staging label AWSCURRENT from a version without moving "
          + "it to another version.");
    }
    if (target != null) {
      if (holder != target) {
        s.moveStage(stage, target);
        if (LocalSecretsManager.CURRENT.equals(stage)) {
          s.lastRotated = store.now();
        }
      }
    } else if (holder != null) {
      holder.stages.remove(stage);
    }
    s.lastChanged = store.now();
    return s.idMembers();
  }

  Map<String, Object> deleteSecret(Map<String, Object> req) throws AwsError {
    StoredSecret s = store.find(requiredString(req, "SecretId"));
    boolean force = Boolean.TRUE.equals(req.get("ForceDeleteWithoutRecovery"));
    Object window = req.get("RecoveryWindowInDays");
    if (force && window != null) {
      throw AwsError.invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with "
          + "RecoveryWindowInDays.");
    }
    if (s.deletedDate != null && !force) {
      throw new AwsError(400, "InvalidRequestException", "You can't perform this operation on the secret because it "
          + "was already scheduled for deletion.");
    }
    Map<String, Object> out = s.idMembers();
    if (force) {
      store.secrets.values().remove(s);
      store.otherAccounts.values().remove(s);
      out.put("DeletionDate", store.now());
      return out;
    }
    int days = window == null ? 30 : ((BigDecimal) window).intValue();
    if (days < 7 || days > 30) {
      throw AwsError.invalidParameter("RecoveryWindowInDays must be between 7 and 30 days.");
    }
    s.scheduleDeletion(store.now(), days);
    out.put("DeletionDate", s.deletionDate);
    return out;
  }

  Map<String, Object> restoreSecret(Map<String, Object> req) throws AwsError {
    StoredSecret s = store.find(requiredString(req, "SecretId"));
    s.deletedDate = null;
    s.deletionDate = null;
    return s.idMembers();
  }
}
