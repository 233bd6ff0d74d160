package dev.secrets4j.azure.internal;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk change check of {@code versionCheck=list}: the vault's list of secret properties (Get Secrets, 25 a
 * page) tells, for every secret, whether it is enabled and when its current version was last updated, with no
 * value. The list carries no version id, so the check compares each secret's {@code updated} time with the one its
 * last value read saw, and vouches for the version that read returned only when they agree, the secret is enabled
 * and within its validity dates, and that read is at most {@code confirmEvery} old (the list needs the
 * {@code secrets/list} permission, not {@code get}: a revocation of {@code get} alone shows at the next value read).
 * A new version, a disabled or deleted secret changes or removes the entry, so the secret is read alone and the
 * vault's answer decides. Updates within the second of the last read are not told apart ({@code updated} has
 * seconds); the {@code confirmEvery} bound covers them too.
 */
final class PropertiesListing {
  private static final Logger LOG = LoggerFactory.getLogger(KeyVaultSecretSource.class);

  /** What a value read of the current version saw. */
  private record Seen(String version, Instant updated, Instant readAt) {}

  private final VaultCalls calls;
  private final String id;
  private final Clock clock;
  private final Duration confirmEvery;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private volatile boolean listDenied;
  /** The next confirmation round (every value read), each source at its own phase; null before the first check. */
  private Instant nextRound;

  /** @param confirmEvery null: no list check (every refresh reads values) */
  PropertiesListing(VaultCalls calls, String id, Clock clock, Duration confirmEvery) {
    this.calls = calls;
    this.id = id;
    this.clock = clock;
    this.confirmEvery = confirmEvery;
  }

  /** A value read of {@code vaultName}'s current version returned the version with {@code p}. */
  void read(String vaultName, SecretProperties p) {
    if (confirmEvery != null && p.getVersion() != null && p.getUpdatedOn() != null) {
      seen.put(key(vaultName), new Seen(p.getVersion(), p.getUpdatedOn().toInstant(), clock.instant()));
    }
  }

  /** {@code vaultName}'s current version could not be read: it is not vouched for until it is read again. */
  void forget(String vaultName) {
    seen.remove(key(vaultName));
  }

  /**
   * The version ids of those of {@code wanted} (logical name by vault name) the list vouches for.
   *
   * @throws SecretSourceException TRANSIENT when the vault cannot answer now; another kind for another refusal
   */
  Map<String, String> currentVersionIds(Map<String, String> wanted) throws SecretSourceException {
    if (confirmEvery == null || listDenied || wanted.isEmpty()) {
      return Map.of();
    }
    Instant now = clock.instant();
    if (roundDue(now)) {
      return Map.of(); // a confirmation round: every value is read
    }
    Map<String, String> byKey = new HashMap<>();
    wanted.forEach((vaultName, logical) -> {
      Seen s = seen.get(key(vaultName));
      if (s != null && !now.isAfter(s.readAt().plus(confirmEvery))) {
        byKey.put(key(vaultName), logical);
      }
    });
    if (byKey.isEmpty()) {
      return Map.of();
    }
    List<SecretProperties> listed;
    try {
      listed = calls.secrets();
    } catch (RuntimeException e) {
      SecretSourceException mapped = AzureErrors.map(e, "(listing)", "(all)", "the list of secrets", id);
      if (mapped.kind() == Kind.ACCESS_DENIED && e instanceof HttpResponseException) {
        listDenied = true;
        LOG.warn("{} may not list secrets, so versionCheck=list reads every value on each refresh; grant the "
            + "secrets list permission (Key Vault Secrets User, or the access policy 'list') to restore the cheap "
            + "check", id);
        return Map.of();
      }
      throw mapped;
    }
    Map<String, String> out = new HashMap<>();
    for (SecretProperties p : listed) {
      String logical = p.getName() == null ? null : byKey.get(key(p.getName()));
      Seen s = logical == null ? null : seen.get(key(p.getName()));
      if (s != null && usable(p, now) && s.updated().equals(instant(p.getUpdatedOn()))) {
        out.put(logical, s.version());
      }
    }
    return out;
  }

  /**
   * Whether a confirmation round is due: the first within 50-90 % of {@code confirmEvery} after the first check
   * (before the start-up reads age past the bound), then every 90-98 % of it, at a phase of this source's own, so
   * that pods started together do not read every value of the vault in the same minute.
   */
  private synchronized boolean roundDue(Instant now) {
    if (nextRound == null) {
      nextRound = now.plus(fraction(0.5, 0.9));
      return false;
    }
    if (now.isBefore(nextRound)) {
      return false;
    }
    nextRound = now.plus(fraction(0.9, 0.98));
    return true;
  }

  private Duration fraction(double from, double to) {
    return Duration.ofMillis((long) (confirmEvery.toMillis() * ThreadLocalRandom.current().nextDouble(from, to)));
  }

  private static boolean usable(SecretProperties p, Instant now) {
    Instant expires = instant(p.getExpiresOn());
    Instant notBefore = instant(p.getNotBefore());
    return !Boolean.FALSE.equals(p.isEnabled()) && (expires == null || now.isBefore(expires))
        && (notBefore == null || !now.isBefore(notBefore));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  /** Key Vault names are case-insensitive. */
  private static String key(String vaultName) {
    return vaultName.toLowerCase(Locale.ROOT);
  }
}
