package dev.secrets4j.test.aws;

import static dev.secrets4j.test.aws.LocalSecretsManager.ACCOUNT;
import static dev.secrets4j.test.aws.LocalSecretsManager.CURRENT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The {@link LocalSecretsManager}'s store, changed and read directly, without the protocol: nothing is counted and
 * no fault plays. For fixtures, large ones too, and for what an operator or a rotation job does on the store's side.
 */
abstract class StoreSeeding {
  final Store store;

  StoreSeeding(Store store) {
    this.store = store;
  }


  /**
   * Stores {@code value} as the new {@value LocalSecretsManager#CURRENT} version of {@code name}, creating the secret if needed; the
   * version that was current becomes {@value LocalSecretsManager#PREVIOUS}.
   *
   * @return the new version's id
   */
  public String put(String name, String value) {
    return put(name, Objects.requireNonNull(value, "value"), null, false);
  }

  /** As {@link #put(String, String)}, for a binary value ({@code SecretBinary}); the array is copied. */
  public String put(String name, byte[] value) {
    return put(name, null, Objects.requireNonNull(value, "value").clone(), false);
  }

  /**
   * Rotates {@code name} as Secrets Manager's rotation does: {@code value} becomes the new {@value LocalSecretsManager#CURRENT}
   * version, the old one {@value LocalSecretsManager#PREVIOUS}, and {@code DescribeSecret} reports the rotation date.
   *
   * @return the new version's id
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public String rotate(String name, String value) {
    Objects.requireNonNull(value, "value");
    synchronized (store.lock) {
      store.require(name);
      return put(name, value, null, true);
    }
  }

  private String put(String name, String string, byte[] binary, boolean rotation) {
    Objects.requireNonNull(name, "name");
    synchronized (store.lock) {
      StoredSecret s = store.secrets.computeIfAbsent(name, n -> new StoredSecret(store.region, ACCOUNT, n, store.now()));
      String id = UUID.randomUUID().toString();
      s.addVersion(id, string, binary, List.of(CURRENT), store.now());
      if (rotation) {
        s.lastRotated = store.now();
      }
      return id;
    }
  }

  /**
   * Schedules {@code name} for deletion, as {@code DeleteSecret} does by default (30 days' recovery window): reads
   * of it then fail with {@code InvalidRequestException}, and {@code RestoreSecret} brings it back.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public void delete(String name) {
    synchronized (store.lock) {
      store.require(name).scheduleDeletion(store.now(), 30);
    }
  }

  /**
   * Stores {@code value} as the current version of secret {@code name} of another account, shared with this one (as
   * by a resource policy): it is reached by its full or partial ARN only, never by name, and is not listed.
   *
   * @return the secret's full ARN
   * @throws IllegalArgumentException if {@code account} is not twelve digits or is the server's own account
   */
  public String putShared(String account, String name, String value) {
    Objects.requireNonNull(value, "value");
    if (!account.matches("[0-9]{12}") || account.equals(ACCOUNT)) {
      throw new IllegalArgumentException("account must be twelve digits other than " + ACCOUNT + ", was " + account);
    }
    synchronized (store.lock) {
      String key = StoredSecret.partialArn(store.region, account, Objects.requireNonNull(name, "name"));
      StoredSecret s = store.otherAccounts.computeIfAbsent(key, k -> new StoredSecret(store.region, account, name, store.now()));
      s.addVersion(UUID.randomUUID().toString(), value, null, List.of(CURRENT), store.now());
      return s.arn;
    }
  }

  /**
   * The full ARN of {@code name} (with AWS's six-character suffix).
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public String arn(String name) {
    synchronized (store.lock) {
      return store.require(name).arn;
    }
  }

  /** The ids of {@code name}'s versions, oldest first (versions without a stage included), or an empty list. */
  public List<String> versionIds(String name) {
    synchronized (store.lock) {
      StoredSecret s = store.secrets.get(Objects.requireNonNull(name, "name"));
      return s == null ? List.of() : new ArrayList<>(s.versions.keySet());
    }
  }

  /**
   * The id of the version of {@code name} that holds {@code stage}, or null.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public String versionIdWithStage(String name, String stage) {
    synchronized (store.lock) {
      StoredVersion v = store.require(name).withStage(stage);
      return v == null ? null : v.id;
    }
  }

  /**
   * Sets a tag on {@code name}.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public void tag(String name, String key, String value) {
    synchronized (store.lock) {
      store.require(name).tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }
  }

  /**
   * Sets the rotation fields {@code DescribeSecret} reports; a null date is left out of the answer.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public void rotation(String name, boolean enabled, Instant lastRotated, Instant nextRotation) {
    synchronized (store.lock) {
      StoredSecret s = store.require(name);
      s.rotationEnabled = enabled;
      s.lastRotated = lastRotated;
      s.nextRotation = nextRotation;
    }
  }

  /**
   * Sets the rotation rules {@code DescribeSecret} reports ({@code AutomaticallyAfterDays},
   * {@code ScheduleExpression}); null leaves a rule out.
   *
   * @throws IllegalArgumentException if there is no secret {@code name}
   */
  public void rotationRules(String name, Long automaticallyAfterDays, String scheduleExpression) {
    synchronized (store.lock) {
      StoredSecret s = store.require(name);
      s.rotateAfterDays = automaticallyAfterDays;
      s.rotationSchedule = scheduleExpression;
    }
  }

  /**
   * Copies every secret of the server's own account to {@code replica}, as Secrets Manager's replication does: the
   * same names, version ids, values, stages, tags and deletion state, and the same ARN suffix with the replica's
   * region in the ARN. A snapshot: later changes here are not copied until this is called again; the replica's
   * secrets of the same names are replaced.
   *
   * @throws IllegalArgumentException if {@code replica} is this server, or is in this server's region
   */
  public void replicateTo(LocalSecretsManager replica) {
    Objects.requireNonNull(replica, "replica");
    if (replica.store == store || replica.store.region.equals(store.region)) {
      throw new IllegalArgumentException("a replica is another server in another region than " + store.region);
    }
    List<StoredSecret> copies = new ArrayList<>();
    synchronized (store.lock) {
      for (StoredSecret s : store.secrets.values()) {
        copies.add(s.replicaIn(replica.store.region));
      }
    }
    synchronized (replica.store.lock) {
      for (StoredSecret c : copies) {
        replica.store.secrets.put(c.name, c);
      }
    }
  }
}
