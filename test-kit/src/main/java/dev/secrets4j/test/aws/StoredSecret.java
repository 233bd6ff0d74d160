package dev.secrets4j.test.aws;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** A secret as Secrets Manager keeps it: metadata, tags and versions with AWS's stage rules. Guarded by the store's lock. */
final class StoredSecret {
  /** AWS keeps about 100 versions; beyond that it drops the oldest ones that carry no stage. */
  private static final int MAX_VERSIONS = 100;

  final String name;
  final String region;
  final String account;
  final String arn;
  final Instant created;
  final Map<String, StoredVersion> versions = new LinkedHashMap<>();
  final Map<String, String> tags = new LinkedHashMap<>();
  String description;
  String kmsKeyId;
  Boolean rotationEnabled;
  Long rotateAfterDays;
  String rotationSchedule;
  Instant lastChanged;
  Instant lastRotated;
  Instant nextRotation;
  Instant lastAccessed;
  /** When {@code DeleteSecret} marked it ({@code DeletedDate}); null while it is not scheduled for deletion. */
  Instant deletedDate;
  /** When it will be gone for good ({@code DeletionDate} of the {@code DeleteSecret} answer). */
  Instant deletionDate;
  /** What a lagging {@code ListSecrets} has seen of it. */
  final ListingHistory listing = new ListingHistory();

  StoredSecret(String region, String account, String name, Instant created) {
    this(region, account, name, created, UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT));
  }

  private StoredSecret(String region, String account, String name, Instant created, String suffix) {
    this.name = name;
    this.region = region;
    this.account = account;
    this.arn = partialArn(region, account, name) + "-" + suffix;
    this.created = created;
    this.lastChanged = created;
  }

  /** The ARN without AWS's random six-character suffix, which AWS also accepts as a secret id. */
  static String partialArn(String region, String account, String name) {
    return "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name;
  }

  /** True when {@code secretId} is this secret's full or partial ARN. */
  boolean hasArn(String secretId) {
    return arn.equals(secretId) || partialArn(region, account, name).equals(secretId);
  }

  /**
   * A copy of this secret as Secrets Manager replicates it to {@code replicaRegion}: the same name, ARN suffix,
   * versions (ids, values, stages, dates), tags, rotation and deletion state; the ARN names the replica's region.
   */
  StoredSecret replicaIn(String replicaRegion) {
    StoredSecret r = new StoredSecret(replicaRegion, account, name, created, arn.substring(arn.length() - 6));
    for (StoredVersion v : versions.values()) {
      StoredVersion copy = new StoredVersion(v.id, v.string, v.binary, v.created);
      copy.stages.addAll(v.stages);
      r.versions.put(v.id, copy);
    }
    r.tags.putAll(tags);
    r.description = description;
    r.kmsKeyId = kmsKeyId;
    r.rotationEnabled = rotationEnabled;
    r.rotateAfterDays = rotateAfterDays;
    r.rotationSchedule = rotationSchedule;
    r.lastChanged = lastChanged;
    r.lastRotated = lastRotated;
    r.nextRotation = nextRotation;
    r.lastAccessed = lastAccessed;
    r.deletedDate = deletedDate;
    r.deletionDate = deletionDate;
    return r;
  }

  /** Marks it for deletion at {@code now}, gone for good {@code days} later. */
  void scheduleDeletion(Instant now, int days) {
    deletedDate = now;
    deletionDate = now.plus(java.time.Duration.ofDays(days));
  }

  StoredVersion withStage(String stage) {
    for (StoredVersion v : versions.values()) {
      if (v.stages.contains(stage)) {
        return v;
      }
    }
    return null;
  }

  StoredVersion addVersion(String id, String string, byte[] binary, List<String> stages, Instant now) {
    StoredVersion v = new StoredVersion(id, string, binary, now);
    versions.put(id, v);
    for (String stage : stages) {
      moveStage(stage, v);
    }
    lastChanged = now;
    if (versions.size() > MAX_VERSIONS) {
      versions.values().removeIf(old -> old.stages.isEmpty() && versions.size() > MAX_VERSIONS);
    }
    return v;
  }

  /** Attaches {@code stage} to {@code target}; moving AWSCURRENT makes the old holder AWSPREVIOUS. */
  void moveStage(String stage, StoredVersion target) {
    StoredVersion holder = withStage(stage);
    if (holder == target) {
      return;
    }
    if (holder != null) {
      holder.stages.remove(stage);
    }
    target.stages.add(stage);
    if (LocalSecretsManager.CURRENT.equals(stage) && holder != null) {
      StoredVersion previous = withStage(LocalSecretsManager.PREVIOUS);
      if (previous != null) {
        previous.stages.remove(LocalSecretsManager.PREVIOUS);
      }
      holder.stages.add(LocalSecretsManager.PREVIOUS);
      target.stages.remove(LocalSecretsManager.PREVIOUS);
    }
  }

  /** {@code ARN} and {@code Name}, the members most answers start with. */
  Map<String, Object> idMembers() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ARN", arn);
    out.put("Name", name);
    return out;
  }

  @Override
  public String toString() {
    return "StoredSecret[" + name + ", " + versions.size() + " versions]";
  }
}
