package dev.secrets4j.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One secret store bound to one environment. Created by a {@link SecretSourceProvider} from a
 * {@link SourceUri}; called by the resolver, which caches, so a source does no caching of its own.
 *
 * <p>Contract, held by the {@code SecretSourceContract} test kit:
 * <ul>
 *   <li>methods are safe to call from several threads;</li>
 *   <li>a missing secret is a {@link SecretSourceException.Kind#NOT_FOUND}, never null;</li>
 *   <li>the same unchanged value keeps the same version id, a changed value gets a new one;</li>
 *   <li>no exception message, log line or {@code toString} contains a secret value.</li>
 * </ul>
 */
public interface SecretSource extends AutoCloseable {

  /** A stable, printable id for audit and errors: the redacted URI, never a credential. */
  String id();

  /**
   * Fetches one version of {@code name}.
   *
   * @throws SecretSourceException with the kind that fits the store's answer
   */
  SecretVersion fetch(String name, VersionSelector selector) throws SecretSourceException;

  /**
   * Fetches the current version of many secrets, in as few store calls as the store allows. Names missing
   * from the result were not found or could not be fetched in bulk; the resolver fetches those one by one
   * so that each gets its own error. The default calls {@link #fetch} for each name.
   *
   * @throws SecretSourceException when the store fails as a whole (for example it is unreachable)
   */
  default Map<String, SecretVersion> fetchAll(Collection<String> names) throws SecretSourceException {
    Map<String, SecretVersion> result = new LinkedHashMap<>();
    for (String name : names) {
      try {
        result.put(name, fetch(name, VersionSelector.CURRENT));
      } catch (SecretSourceException e) {
        if (e.kind() == SecretSourceException.Kind.TRANSIENT) {
          throw e;
        }
        // left out: the resolver fetches it alone and reports its own error
      }
    }
    return result;
  }

  /**
   * The id of the current version, when the store can tell it more cheaply than {@link #fetch} (no payload).
   * Empty means "not cheaper here": the resolver then fetches. The default is empty.
   *
   * <p>Contract: never the id of a version the store would refuse to serve now. A secret deleted, scheduled for
   * deletion, disabled or no longer decryptable is reported as {@link #fetch} would report it (a definitive
   * {@code NOT_FOUND}, {@code ACCESS_DENIED} or {@code PERMANENT}), so that the resolver revokes it.
   *
   * @throws SecretSourceException as {@link #fetch} would, for the same condition
   */
  default Optional<String> currentVersionId(String name) throws SecretSourceException {
    return Optional.empty();
  }

  /**
   * Which of {@code names} are unchanged, in one or a few store calls that carry no payload (AWS {@code ListSecrets},
   * Azure's list of secret properties): the current version id of each secret the store vouches for. A refresh of
   * many secrets asks this first and fetches only the names whose id differs from the cached one or that are absent.
   * The default returns an empty map: "not cheaper here", every name is fetched.
   *
   * <p>Contract: a name is absent, never mapped to an old id, when the store would refuse to serve it now (deleted,
   * scheduled for deletion, disabled, expired), or when the source cannot vouch for it (a listing that lags, a value
   * not read for longer than the source's confirmation bound); its fetch then gives the definitive answer. A source
   * may leave out any name; it must not add names it was not asked for.
   *
   * @throws SecretSourceException TRANSIENT when the store cannot answer now (the refresh backs off); any other kind
   *     only says the bulk check is not available (the refresh then fetches every name)
   */
  default Map<String, String> currentVersionIds(Collection<String> names) throws SecretSourceException {
    return Map.of();
  }

  /**
   * The store's published request quotas for the operations this source calls, for planning and reporting (the
   * resolver's call mix, a fleet's budget). The default is empty: no quota known.
   */
  default List<Quota> publishedQuotas() {
    return List.of();
  }

  /**
   * The metadata of many secrets in as few store calls as the store allows (AWS {@code ListSecrets} over the
   * source's prefix). Names missing from the result are read one by one with {@link #metadata}. The default
   * returns an empty map: "not cheaper here".
   */
  default Map<String, SecretMetadata> metadataAll(Collection<String> names) throws SecretSourceException {
    return Map.of();
  }

  /** What the store knows about {@code name} besides its value; empty when it keeps nothing. */
  default Optional<SecretMetadata> metadata(String name) throws SecretSourceException {
    return Optional.empty();
  }

  /**
   * True when {@link #fetch} brings no metadata and {@link #metadata} is a store call of its own (AWS: tags come
   * from {@code DescribeSecret}, not {@code GetSecretValue}). A cold read that a guard needs metadata for then
   * makes both calls at once, so it costs one round trip. The default is false: metadata is asked for after the
   * value, and only when the value did not carry it.
   */
  default boolean readsMetadataSeparately() {
    return false;
  }

  /**
   * True when the store keeps older versions itself ({@link VersionSelector#PREVIOUS} answers from the store, and
   * a version can be disabled there). After a rotation the resolver then asks the store for the previous version
   * instead of keeping the value it replaced, so a version disabled in the store (a leaked key) is not served by
   * {@code versions()}. The default is false: the resolver keeps the value it replaced.
   */
  default boolean keepsVersionHistory() {
    return false;
  }

  /** Releases clients, connections and threads. Never throws. */
  @Override
  default void close() {}

  /**
   * One published request quota of a store: at most {@link #requests()} calls of {@link #operation()} per
   * {@link #per()}, within the store's {@link #scope()} (a region and account, a project, a vault). A value type; the
   * operation is the store's own name for it ({@code ListSecrets}, {@code AccessSecretVersion}, {@code secrets}).
   */
  public static final class Quota {
    private final String operation;
    private final long requests;
    private final Duration per;
    private final String scope;

    private Quota(String operation, long requests, Duration per, String scope) {
      this.operation = operation;
      this.requests = requests;
      this.per = per;
      this.scope = scope;
    }

    /**
     * A quota of {@code requests} calls of {@code operation} per {@code per} within {@code scope}.
     *
     * @throws IllegalArgumentException if {@code requests} is not positive or {@code per} is not positive
     * @throws NullPointerException if a parameter is null
     */
    public static Quota of(String operation, long requests, Duration per, String scope) {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(per, "per");
      Objects.requireNonNull(scope, "scope");
      if (requests <= 0) {
        throw new IllegalArgumentException("requests must be positive, was " + requests);
      }
      if (per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("per must be positive, was " + per);
      }
      return new Quota(operation, requests, per, scope);
    }

    /** The store's name of the operation (or of the quota's group of operations). */
    public String operation() {
      return operation;
    }

    /** The most calls per {@link #per()}. */
    public long requests() {
      return requests;
    }

    /** The quota's window. */
    public Duration per() {
      return per;
    }

    /** What the quota is counted over: {@code region and account}, {@code project}, {@code vault}. */
    public String scope() {
      return scope;
    }

    /** The quota as a rate per second. */
    public double perSecond() {
      return requests / (per.toNanos() / 1e9);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Quota q && q.operation.equals(operation) && q.requests == requests && q.per.equals(per)
          && q.scope.equals(scope);
    }

    @Override
    public int hashCode() {
      return Objects.hash(operation, requests, per, scope);
    }

    @Override
    public String toString() {
      return operation + ": " + requests + " per " + per + " per " + scope;
    }
  }
}
