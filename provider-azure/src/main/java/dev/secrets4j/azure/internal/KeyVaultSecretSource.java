package dev.secrets4j.azure.internal;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.VersionSelector;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One Azure Key Vault, read through the SDK ({@link VaultCalls}).
 *
 * <ul>
 *   <li>Names: {@code .}, {@code _} and {@code /} become {@code -} ({@link KeyVaultNames}); two names that
 *       collide are refused.</li>
 *   <li>Versions: current is the vault's latest version; previous is the newest enabled other version not created
 *       after it; an id is the Key Vault version id (32 hex digits).</li>
 *   <li>Errors: {@link AzureErrors}; a secret's 404 says what {@link SoftDeletes} can tell about a soft delete.</li>
 *   <li>Validity: a version past its {@code expires} date or before its {@code notBefore} date is an error that
 *       says so (Key Vault still returns it); a version that expires within {@code expiryWarning} is reported
 *       once as a warning.</li>
 * </ul>
 */
final class KeyVaultSecretSource implements SecretSource {
  private static final List<Quota> QUOTAS = List.of(Quota.of("secrets transactions", 4_000,
      Duration.ofSeconds(10), "vault and region"));
  private static final Pattern VERSION_ID = Pattern.compile("[0-9A-Za-z]{1,64}");
  /**
   * Newest created first; versions created in the same second (Key Vault keeps whole seconds) by version id,
   * descending, so the order is the same on every call. The update time plays no part: changing an old version's
   * attributes does not make it newer.
   */
  private static final Comparator<SecretProperties> NEWEST_FIRST = Comparator
      .comparing((SecretProperties p) -> p.getCreatedOn(), Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(p -> p.getVersion() == null ? "" : p.getVersion().toLowerCase(Locale.ROOT))
      .reversed();

  private final VaultCalls calls;
  private final SoftDeletes softDeletes;
  private final String id;
  private final Duration expiryWarning;
  private final Clock clock;
  private final Consumer<String> warnings;
  private final KeyVaultNames names = new KeyVaultNames();
  private final Set<String> warnedAboutExpiry = ConcurrentHashMap.newKeySet();
  private final PropertiesListing listing;

  /**
   * @param expiryWarning how early to warn about an expiry; zero for never
   * @param warnings where near-expiry reports go
   * @param checkDeleted whether a secret's 404 is explained by asking for the deleted secret (needs the permission)
   */
  KeyVaultSecretSource(VaultCalls calls, String id, Duration expiryWarning, Clock clock, Consumer<String> warnings,
      boolean checkDeleted) {
    this(calls, id, expiryWarning, clock, warnings, checkDeleted, null);
  }

  /** @param confirmEvery with the list check ({@code versionCheck=list}) its bound; null for none */
  KeyVaultSecretSource(VaultCalls calls, String id, Duration expiryWarning, Clock clock, Consumer<String> warnings,
      boolean checkDeleted, Duration confirmEvery) {
    this.listing = new PropertiesListing(calls, id, clock, confirmEvery);
    this.calls = calls;
    this.softDeletes = new SoftDeletes(calls, checkDeleted, id);
    this.id = id;
    this.expiryWarning = expiryWarning;
    this.clock = clock;
    this.warnings = warnings;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException {
    String vaultName = names.vaultName(name, id);
    switch (selector.kind()) {
      case CURRENT: {
        KeyVaultSecret s;
        try {
          s = get(name, vaultName, "");
          checkUsable(name, vaultName, s.getProperties(), Kind.PERMANENT);
        } catch (SecretSourceException e) {
          listing.forget(vaultName);
          throw e;
        }
        listing.read(vaultName, s.getProperties());
        warnIfExpiringSoon(name, vaultName, s.getProperties());
        // Key Vault answers with the value and its properties at once: hand both over (one call, not two)
        return toVersion(name, vaultName, s, SecretVersion.Stage.CURRENT).withMetadata(metadataOf(s.getProperties()));
      }
      case ID: {
        String version = selector.versionId();
        if (!VERSION_ID.matcher(version).matches()) {
          throw new SecretSourceException(Kind.NOT_FOUND, AzureErrors.subject(name, vaultName) + " has no version '"
              + version + "' in " + id + ": Key Vault version ids are 32 hex digits");
        }
        KeyVaultSecret s = get(name, vaultName, version);
        checkUsable(name, vaultName, s.getProperties(), Kind.PERMANENT);
        return toVersion(name, vaultName, s, SecretVersion.Stage.OTHER);
      }
      default:
        return previous(name, vaultName);
    }
  }

  /**
   * The newest enabled version other than the current one and not created after it (by {@link #NEWEST_FIRST});
   * outside its validity window it is not found. The current version is the newest created one; when several share
   * the newest second, the vault is asked which it is.
   */
  private SecretVersion previous(String name, String vaultName) throws SecretSourceException {
    List<SecretProperties> versions;
    try {
      versions = new ArrayList<>(calls.versions(vaultName));
    } catch (RuntimeException e) {
      throw notFoundExplained(AzureErrors.map(e, name, vaultName, "", id), e, name, vaultName);
    }
    versions.removeIf(p -> p.getVersion() == null);
    if (versions.isEmpty()) {
      throw new SecretSourceException(Kind.NOT_FOUND, AzureErrors.subject(name, vaultName) + " not found in " + id
          + " (it has no versions)");
    }
    versions.sort(NEWEST_FIRST);
    SecretProperties current = current(name, vaultName, versions);
    SecretProperties previous = null;
    for (SecretProperties p : versions) {
      if (!p.getVersion().equalsIgnoreCase(current.getVersion()) && !Boolean.FALSE.equals(p.isEnabled())
          && !createdAfter(p, current)) {
        previous = p;
        break;
      }
    }
    if (previous == null) {
      throw new SecretSourceException(Kind.NOT_FOUND, AzureErrors.subject(name, vaultName) + " has no previous"
          + " version in " + id + ": " + (versions.size() == 1 ? "it has one version only"
              : "no older version is enabled"));
    }
    KeyVaultSecret s = get(name, vaultName, previous.getVersion());
    checkUsable(name, vaultName, s.getProperties(), Kind.NOT_FOUND);
    return toVersion(name, vaultName, s, SecretVersion.Stage.PREVIOUS);
  }

  /** The current version among {@code newestFirst}: the first, unless the next shares its second. */
  private SecretProperties current(String name, String vaultName, List<SecretProperties> newestFirst)
      throws SecretSourceException {
    SecretProperties top = newestFirst.get(0);
    OffsetDateTime next = newestFirst.size() == 1 ? null : newestFirst.get(1).getCreatedOn();
    if (newestFirst.size() == 1 || top.getCreatedOn() != null && (next == null || top.getCreatedOn().isAfter(next))) {
      return top;
    }
    String latest = get(name, vaultName, "").getProperties().getVersion();
    for (SecretProperties p : newestFirst) {
      if (p.getVersion().equalsIgnoreCase(latest)) {
        return p;
      }
    }
    return top;
  }

  private static boolean createdAfter(SecretProperties p, SecretProperties current) {
    return p.getCreatedOn() != null && current.getCreatedOn() != null
        && p.getCreatedOn().isAfter(current.getCreatedOn());
  }

  /** Key Vault keeps every version, and an operator can disable one (a leaked key): the resolver asks for it. */
  @Override
  public boolean keepsVersionHistory() {
    return true;
  }

  /**
   * With {@code versionCheck=list}: the versions the vault's list of secret properties vouches for (one call per 25
   * secrets in the vault); empty otherwise. See {@link PropertiesListing}.
   */
  @Override
  public Map<String, String> currentVersionIds(Collection<String> secretNames) throws SecretSourceException {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String n : secretNames) {
      wanted.put(names.vaultName(n, id), n);
    }
    return listing.currentVersionIds(wanted);
  }

  /** Key Vault's service limit for secrets, per vault and region. */
  @Override
  public List<Quota> publishedQuotas() {
    return QUOTAS;
  }

  @Override
  public Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    String vaultName = names.vaultName(name, id);
    return Optional.of(metadataOf(get(name, vaultName, "").getProperties()));
  }

  private static SecretMetadata metadataOf(SecretProperties p) {
    Instant created = instant(p.getCreatedOn());
    return SecretMetadata.builder()
        .created(created)
        .lastRotated(created)
        .lastChanged(instant(p.getUpdatedOn()))
        .expires(instant(p.getExpiresOn()))
        .notBefore(instant(p.getNotBefore()))
        .enabled(p.isEnabled())
        .contentType(p.getContentType())
        .tags(p.getTags())
        .build();
  }

  private KeyVaultSecret get(String name, String vaultName, String version) throws SecretSourceException {
    KeyVaultSecret s;
    try {
      s = calls.get(vaultName, version);
    } catch (RuntimeException e) {
      SecretSourceException mapped = AzureErrors.map(e, name, vaultName, version.isEmpty() ? "" : "version "
          + version, id);
      throw version.isEmpty() ? notFoundExplained(mapped, e, name, vaultName) : mapped;
    }
    if (s == null || s.getProperties() == null) {
      throw new SecretSourceException(Kind.PERMANENT, "reading " + AzureErrors.subject(name, vaultName) + " from "
          + id + " failed: the vault's answer held no secret; is the URI a Key Vault?");
    }
    return s;
  }

  /** {@code mapped}, or for the secret's own 404 the same with what {@link SoftDeletes} can tell about it. */
  private SecretSourceException notFoundExplained(SecretSourceException mapped, RuntimeException e, String name,
      String vaultName) {
    return mapped.kind() == Kind.NOT_FOUND && e instanceof HttpResponseException
        ? softDeletes.explain(mapped, name, vaultName) : mapped;
  }

  /** A version the vault returned but that must not be used: disabled, expired, or not yet valid. */
  private void checkUsable(String name, String vaultName, SecretProperties p, Kind kind) throws SecretSourceException {
    String subject = AzureErrors.subject(name, vaultName) + " (version " + p.getVersion() + ") in " + id;
    if (Boolean.FALSE.equals(p.isEnabled())) {
      throw new SecretSourceException(kind, subject + " is disabled; enable it, or set a new value");
    }
    Instant now = clock.instant();
    Instant expires = instant(p.getExpiresOn());
    if (expires != null && !now.isBefore(expires)) {
      throw new SecretSourceException(kind, subject + " expired on " + expires + " (its 'expires' date); Key Vault"
          + " still returns it, but it must not be used: set a new value, or move the date if the value is still"
          + " good");
    }
    Instant notBefore = instant(p.getNotBefore());
    if (notBefore != null && now.isBefore(notBefore)) {
      throw new SecretSourceException(kind, subject + " is not valid before " + notBefore + " (its 'notBefore'"
          + " date); it becomes usable then, or set notBefore earlier");
    }
  }

  private void warnIfExpiringSoon(String name, String vaultName, SecretProperties p) {
    Instant expires = instant(p.getExpiresOn());
    if (expires == null || expiryWarning.isZero()) {
      return;
    }
    Duration left = Duration.between(clock.instant(), expires);
    if (left.compareTo(expiryWarning) <= 0 && warnedAboutExpiry.add(vaultName + "/" + p.getVersion())) {
      warnings.accept(AzureErrors.subject(name, vaultName) + " (version " + p.getVersion() + ") in " + id
          + " expires on " + expires + ", in " + describe(left) + "; set a new value before then");
    }
  }

  private static String describe(Duration d) {
    if (d.toDays() >= 2) {
      return d.toDays() + " days";
    }
    if (d.toHours() >= 2) {
      return d.toHours() + " hours";
    }
    return Math.max(0, d.toMinutes()) + " minutes";
  }

  private SecretVersion toVersion(String name, String vaultName, KeyVaultSecret s, SecretVersion.Stage stage)
      throws SecretSourceException {
    String version = s.getProperties().getVersion();
    if (version == null || version.isEmpty() || s.getValue() == null) {
      throw new SecretSourceException(Kind.PERMANENT, "reading " + AzureErrors.subject(name, vaultName) + " from "
          + id + " failed: the vault's answer had no " + (s.getValue() == null ? "value" : "version id"));
    }
    return SecretVersion.of(version, s.getValue().getBytes(StandardCharsets.UTF_8))
        .withCreated(instant(s.getProperties().getCreatedOn()))
        .withStage(stage);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  @Override
  public String toString() {
    return id;
  }
}
