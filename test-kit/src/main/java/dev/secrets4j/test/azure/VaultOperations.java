package dev.secrets4j.test.azure;

import static dev.secrets4j.test.azure.VaultJson.error;
import static dev.secrets4j.test.azure.VaultJson.respond;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Key Vault secrets REST operations as the service answers them: set, update, get (latest or by version), list
 * versions, delete (soft: the secret moves to {@code /deletedsecrets/{name}}), get deleted, recover, purge. A
 * soft-deleted secret is not found under {@code /secrets}, and its name cannot be set again until it is recovered or
 * purged ({@code 409 Conflict / ObjectIsDeletedButRecoverable}); a disabled version answers
 * {@code 403 Forbidden / SecretDisabled}.
 */
final class VaultOperations {
  private final Vault vault;
  volatile int pageSize = 25;

  VaultOperations(Vault vault) {
    this.vault = vault;
  }

  void handle(HttpExchange ex, RecordedRequest req, String base, String operation, String name, String version,
      Map<String, String> query, byte[] body) throws IOException {
    switch (operation) {
      case "SetSecret":
        set(ex, req, base, name, body);
        return;
      case "UpdateSecret":
        update(ex, req, base, name, version, body);
        return;
      case "GetSecret":
        get(ex, req, base, name, version);
        return;
      case "GetSecretVersions":
        list(ex, req, base, name, query);
        return;
      case "GetSecrets":
        listSecrets(ex, req, base, query);
        return;
      case "DeleteSecret":
        delete(ex, req, base, name);
        return;
      case "GetDeletedSecret":
        getDeleted(ex, req, base, name);
        return;
      case "RecoverDeletedSecret":
        recover(ex, req, base, name);
        return;
      case "PurgeDeletedSecret":
        purge(ex, req, name);
        return;
      default:
        error(ex, req, 405, "MethodNotAllowed", "Method not allowed.", null);
    }
  }

  private void set(HttpExchange ex, RecordedRequest req, String base, String name, byte[] body) throws IOException {
    Map<String, Object> json = VaultJson.parse(body);
    Object value = json.get("value");
    if (!(value instanceof String)) {
      error(ex, req, 400, "BadParameter", "Property 'value' is required.", null);
      return;
    }
    StoredSecret s = vault.getOrCreate(name);
    if (s == null) {
      error(ex, req, 409, "Conflict", "Secret " + name + " is currently in a deleted but recoverable state, and its"
          + " name cannot be reused; in this state, the secret can only be recovered or purged.",
          "ObjectIsDeletedButRecoverable");
      return;
    }
    StoredVersion v = vault.newVersion((String) value);
    v.contentType = (String) json.get("contentType");
    VaultJson.applyTags(v, json.get("tags"));
    VaultJson.applyAttributes(v, json.get("attributes"));
    s.add(v);
    respond(ex, req, 200, VaultJson.bundle(base, s.name, v, true));
  }

  private void update(HttpExchange ex, RecordedRequest req, String base, String name, String version, byte[] body)
      throws IOException {
    StoredSecret s = vault.get(name);
    StoredVersion v = s == null ? null : s.find(version);
    if (v == null) {
      notFound(ex, req, name, version);
      return;
    }
    Map<String, Object> json = VaultJson.parse(body);
    synchronized (s) {
      if (json.containsKey("contentType")) {
        v.contentType = (String) json.get("contentType");
      }
      VaultJson.applyTags(v, json.get("tags"));
      VaultJson.applyAttributes(v, json.get("attributes"));
      v.updated = vault.nextWriteSecond();
    }
    respond(ex, req, 200, VaultJson.bundle(base, s.name, v, false));
  }

  private void get(HttpExchange ex, RecordedRequest req, String base, String name, String version)
      throws IOException {
    StoredSecret s = vault.get(name);
    StoredVersion v = s == null ? null : version.isEmpty() ? s.latest() : s.find(version);
    if (v == null) {
      notFound(ex, req, name, version);
      return;
    }
    if (!v.enabled) {
      error(ex, req, 403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
      return;
    }
    respond(ex, req, 200, VaultJson.bundle(base, s.name, v, true));
  }

  private void list(HttpExchange ex, RecordedRequest req, String base, String name, Map<String, String> query)
      throws IOException {
    StoredSecret s = vault.get(name);
    if (s == null) {
      notFound(ex, req, name, "");
      return;
    }
    List<StoredVersion> all = s.snapshot();
    // the service lists versions in no documented order; this one uses the version id's order
    all.sort(Comparator.comparing(v -> v.id));
    int size = pageSize;
    if (query.containsKey("maxresults")) {
      size = Math.min(size, Integer.parseInt(query.get("maxresults")));
    }
    int from = query.containsKey("$skiptoken") ? Integer.parseInt(query.get("$skiptoken")) : 0;
    int to = Math.min(all.size(), from + size);
    List<Object> items = new ArrayList<>();
    for (StoredVersion v : all.subList(from, to)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", base + "/secrets/" + s.name + "/" + v.id);
      item.put("attributes", VaultJson.attributes(v));
      if (!v.tags.isEmpty()) {
        item.put("tags", new LinkedHashMap<>(v.tags));
      }
      if (v.contentType != null) {
        item.put("contentType", v.contentType);
      }
      items.add(item);
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("value", items);
    page.put("nextLink", to < all.size()
        ? base + "/secrets/" + s.name + "/versions?api-version=" + req.apiVersion() + "&$skiptoken=" + to
            + "&maxresults=" + size
        : null);
    respond(ex, req, 200, page);
  }

  /**
   * Get Secrets: the base identifier (no version) and the current version's attributes, tags and content type of
   * every live secret, {@code maxresults} (at most 25) a page, as the service lists them.
   */
  private void listSecrets(HttpExchange ex, RecordedRequest req, String base, Map<String, String> query)
      throws IOException {
    List<StoredSecret> all = vault.live();
    all.sort(Comparator.comparing(s -> s.name));
    int size = pageSize;
    if (query.containsKey("maxresults")) {
      size = Math.min(size, Integer.parseInt(query.get("maxresults")));
    }
    int from = query.containsKey("$skiptoken") ? Integer.parseInt(query.get("$skiptoken")) : 0;
    int to = Math.min(all.size(), from + size);
    List<Object> items = new ArrayList<>();
    for (StoredSecret s : all.subList(from, to)) {
      StoredVersion v = s.latest();
      if (v == null) {
        continue;
      }
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", base + "/secrets/" + s.name);
      item.put("attributes", VaultJson.attributes(v));
      if (!v.tags.isEmpty()) {
        item.put("tags", new LinkedHashMap<>(v.tags));
      }
      if (v.contentType != null) {
        item.put("contentType", v.contentType);
      }
      items.add(item);
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("value", items);
    page.put("nextLink", to < all.size()
        ? base + "/secrets?api-version=" + req.apiVersion() + "&$skiptoken=" + to + "&maxresults=" + size : null);
    respond(ex, req, 200, page);
  }

  private void delete(HttpExchange ex, RecordedRequest req, String base, String name) throws IOException {
    StoredSecret s = vault.softDelete(name);
    if (s == null) {
      notFound(ex, req, name, "");
      return;
    }
    respond(ex, req, 200, VaultJson.deletedBundle(base, s, s.latest()));
  }

  private void getDeleted(HttpExchange ex, RecordedRequest req, String base, String name) throws IOException {
    StoredSecret s = vault.deleted(name);
    if (s == null) {
      error(ex, req, 404, "SecretNotFound", "Deleted Secret not found", null);
      return;
    }
    respond(ex, req, 200, VaultJson.deletedBundle(base, s, s.latest()));
  }

  private void recover(HttpExchange ex, RecordedRequest req, String base, String name) throws IOException {
    StoredSecret s = vault.recover(name);
    if (s == null) {
      error(ex, req, 404, "SecretNotFound", "Deleted Secret not found", null);
      return;
    }
    respond(ex, req, 200, VaultJson.bundle(base, s.name, s.latest(), false));
  }

  private void purge(HttpExchange ex, RecordedRequest req, String name) throws IOException {
    if (vault.purge(name) == null) {
      error(ex, req, 404, "SecretNotFound", "Deleted Secret not found", null);
      return;
    }
    req.status(204);
    ex.sendResponseHeaders(204, -1);
  }

  private static void notFound(HttpExchange ex, RecordedRequest req, String name, String version)
      throws IOException {
    error(ex, req, 404, "SecretNotFound", "A secret with (name/id) " + name + (version.isEmpty() ? "" : "/" + version)
        + " was not found in this key vault. If you recently deleted this secret you may be able to recover it"
        + " using the correct recovery command. For help resolving this issue, please see"
        + " https://go.microsoft.com/fwlink/?linkid=2125182", null);
  }
}
