package dev.secrets4j.gcp.internal;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSourceException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata of many secrets from {@code ListSecrets} over the project (or its location), up to 25,000 a page:
 * one read request for a cold start of many secrets instead of two per secret ({@code GetSecret} and
 * {@code GetSecretVersion}), which matters because reads share 600 requests a minute per project. A listing carries
 * each secret's labels (the environment label), expiry and rotation settings, but not its latest version's creation
 * time, so a secret's metadata from the listing has no rotation reference (the rotation-age guard reports its age as
 * unknown rather than measure it from the wrong date), and no enabled flag (the payload read decides). Once the
 * caller may not list, it returns nothing and the resolver asks one by one.
 */
final class MetadataListing {
  private static final Logger LOG = LoggerFactory.getLogger(GcpSecretSource.class);
  static final int PAGE_SIZE = 25_000;

  private final GcpSourceSettings settings;
  private final SecretNames names;
  private final StoreCalls calls;
  private volatile boolean listDenied;

  MetadataListing(GcpSourceSettings settings, SecretNames names, StoreCalls calls) {
    this.settings = settings;
    this.names = names;
    this.calls = calls;
  }

  /**
   * The metadata of those of {@code wanted} the listing holds.
   *
   * @throws SecretSourceException with the kind of the store's answer, except a refusal (then empty)
   */
  Map<String, SecretMetadata> metadataAll(Collection<String> wanted) throws SecretSourceException {
    if (listDenied || wanted.size() < 2) {
      return Map.of();
    }
    Map<String, String> byResource = new LinkedHashMap<>();
    for (String n : wanted) {
      try {
        byResource.put(names.secret(n), n);
      } catch (SecretSourceException invalid) {
        // not a valid id: read alone, it gets its own error
      }
    }
    Map<String, SecretMetadata> out = new LinkedHashMap<>();
    String parent = settings.parent();
    String token = "";
    for (int page = 0; page < wanted.size() / PAGE_SIZE + 10 && out.size() < byResource.size(); page++) {
      String next = token;
      ListSecretsResponse r = calls.call("(listing)", parent, c -> {
        try {
          return c.listSecretsCallable().call(ListSecretsRequest.newBuilder().setParent(parent)
              .setPageSize(PAGE_SIZE).setPageToken(next).build());
        } catch (ApiException e) {
          if (e.getStatusCode().getCode() == StatusCode.Code.PERMISSION_DENIED) {
            return null;
          }
          throw e;
        }
      });
      if (r == null) {
        listDenied = true;
        LOG.info("{} may not list secrets (secretmanager.secrets.list); metadata is read one secret at a time, two "
            + "read requests each", settings.id());
        return Map.of();
      }
      for (Secret s : r.getSecretsList()) {
        String logical = byResource.get(s.getName());
        if (logical != null) {
          out.put(logical, MetadataReader.secretFields(s).build());
        }
      }
      token = r.getNextPageToken();
      if (token.isEmpty()) {
        break;
      }
    }
    return out;
  }
}
