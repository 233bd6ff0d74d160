package dev.secrets4j.gcp.internal;

import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient.ListSecretVersionsPage;
import com.google.cloud.secretmanager.v1.SecretVersion;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretSourceException.Kind;

/**
 * Finds the previous version of a secret: the highest enabled version below the current one, listing enabled
 * versions in pages of {@value #PAGE_SIZE}, at most {@value #MAX_PAGES} of them. Current is the newer of
 * {@code latest} and the newest enabled version listed, since {@code latest} can lag behind a version just added.
 */
final class PreviousVersionFinder {
  /** Versions listed per page. */
  static final int PAGE_SIZE = 100;
  /** Pages read at most: bounds the search to 12 calls. */
  static final int MAX_PAGES = 10;

  private final GcpSourceSettings settings;
  private final SecretNames names;
  private final StoreCalls calls;

  PreviousVersionFinder(GcpSourceSettings settings, SecretNames names, StoreCalls calls) {
    this.settings = settings;
    this.names = names;
    this.calls = calls;
  }

  /**
   * The number of the previous version of {@code name}, whose resource is {@code secret}.
   *
   * @throws SecretSourceException NOT_FOUND when no enabled version lies below the current one; PERMANENT when
   *     {@value #MAX_PAGES} pages did not reach it; the store's failure, mapped
   */
  long find(String name, String secret) throws SecretSourceException {
    String latestResource = SecretNames.version(secret, settings.currentVersion());
    SecretVersion latest = calls.call(name, latestResource,
        c -> c.getSecretVersion(GetSecretVersionRequest.newBuilder().setName(latestResource).build()));
    long latestNumber = Long.parseLong(names.idOf(latest.getName(), name, latestResource));
    ListSecretVersionsRequest request = ListSecretVersionsRequest.newBuilder()
        .setParent(secret).setPageSize(PAGE_SIZE).setFilter("state:ENABLED").build();
    // latest may lag behind a version just added (the service is eventually consistent): then the newest listed
    // enabled version is current; an alias means exactly the version it points at
    boolean followNewest = settings.alias() == null;
    long[] top = calls.call(name, secret, c -> {
      long first = -1;
      long second = -1;
      long below = -1;
      int pages = 0;
      for (ListSecretVersionsPage page : c.listSecretVersions(request).iteratePages()) {
        pages++;
        for (SecretVersion v : page.getValues()) {
          long n = SecretNames.numberOrMinusOne(v.getName());
          if (v.getState() != SecretVersion.State.ENABLED || n < 0) {
            continue;
          }
          if (n < latestNumber && n > below) {
            below = n;
          }
          if (n > first) {
            second = first;
            first = n;
          } else if (n > second && n != first) {
            second = n;
          }
        }
        boolean settled = followNewest
            ? first == latestNumber && second == latestNumber - 1 || first == latestNumber - 1
            : below == latestNumber - 1;
        if (settled) {
          break; // nothing can lie between
        }
        if (pages >= MAX_PAGES && page.hasNextPage()) {
          return null;
        }
      }
      return new long[] {first, second, below};
    });
    if (top == null) {
      throw new SecretSourceException(Kind.PERMANENT, "looking for the previous version of secret '" + name
          + "' in " + settings.id() + " read " + MAX_PAGES + " pages of " + PAGE_SIZE
          + " enabled versions without finding it; disable or destroy old versions of " + secret);
    }
    boolean lagging = followNewest && top[0] > latestNumber;
    long current = lagging ? top[0] : latestNumber;
    long best = lagging ? top[1] : top[2];
    if (best < 0) {
      throw new SecretSourceException(Kind.NOT_FOUND, "secret '" + name + "' has no enabled version before version "
          + current + " in " + settings.id() + " (" + secret + ")");
    }
    return best;
  }
}
