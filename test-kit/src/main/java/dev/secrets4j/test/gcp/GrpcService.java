package dev.secrets4j.test.gcp;

import static dev.secrets4j.test.gcp.Store.error;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.DeleteSecretRequest;
import com.google.cloud.secretmanager.v1.DestroySecretVersionRequest;
import com.google.cloud.secretmanager.v1.DisableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.EnableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.ListSecretVersionsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceGrpc;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.UpdateSecretRequest;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Secret Manager's gRPC methods over the {@link Store}, with the service's behaviour where clients depend on it:
 * reading a disabled or destroyed version is {@code FAILED_PRECONDITION}; a wrong {@code data_crc32c} on
 * {@code AddSecretVersion} is {@code INVALID_ARGUMENT}; {@code ListSecretVersions} pages and honours
 * {@code state:STATE} filters; versions are named by number, {@code latest} or a version alias; a caller the store
 * refuses gets {@code PERMISSION_DENIED} "Permission '...' denied for resource '...' (or it may not exist).". Methods it does not implement answer {@code UNIMPLEMENTED}.
 */
final class GrpcService extends SecretManagerServiceGrpc.SecretManagerServiceImplBase {
  private static final Pattern PARENT = Pattern.compile("projects/[^/]+(/locations/[^/]+)?");
  private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final int MAX_PAGE = 25_000;

  private final Store store;
  final AtomicInteger corruptPayloads = new AtomicInteger();
  volatile boolean listAscending;

  GrpcService(Store store) {
    this.store = store;
  }

  /**
   * Runs {@code body} under the store's lock and sends its result, or its status. A caller the store refuses for
   * {@code resource} gets the service's PERMISSION_DENIED for {@code permission} instead.
   */
  private <T> void answer(StreamObserver<T> observer, String permission, String resource, Supplier<T> body) {
    T result;
    try {
      synchronized (store) {
        if (store.refuses(resource)) {
          throw Store.permissionDenied(permission, resource);
        }
        result = body.get();
      }
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    observer.onNext(result);
    observer.onCompleted();
  }

  @Override
  public void createSecret(CreateSecretRequest request, StreamObserver<Secret> observer) {
    answer(observer, "secretmanager.secrets.create", request.getParent(), () -> {
      if (!PARENT.matcher(request.getParent()).matches()) {
        throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: parent");
      }
      if (!SECRET_ID.matcher(request.getSecretId()).matches()) {
        throw error(Status.Code.INVALID_ARGUMENT, "Invalid secret id: " + request.getSecretId());
      }
      String name = request.getParent() + "/secrets/" + request.getSecretId();
      if (store.secrets.containsKey(name)) {
        throw error(Status.Code.ALREADY_EXISTS, "Secret [" + name + "] already exists.");
      }
      Store.checkAliases(null, request.getSecret().getVersionAliasesMap());
      return store.create(name, request.getSecret()).secret;
    });
  }

  @Override
  public void addSecretVersion(AddSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
    answer(observer, "secretmanager.versions.add", request.getParent(), () -> {
      StoredSecret s = store.secret(request.getParent());
      SecretPayload payload = request.getPayload();
      if (payload.hasDataCrc32C() && payload.getDataCrc32C() != Store.crc32c(payload.getData().toByteArray())) {
        throw error(Status.Code.INVALID_ARGUMENT, "Checksum mismatch: the data_crc32c does not match the data.");
      }
      return store.add(s, payload.getData(), payload.hasDataCrc32C()).meta;
    });
  }

  @Override
  public void getSecret(GetSecretRequest request, StreamObserver<Secret> observer) {
    answer(observer, "secretmanager.secrets.get", request.getName(), () -> store.secret(request.getName()).secret);
  }

  /** Updates the fields the mask names; {@code version_aliases} and {@code labels} are supported. */
  @Override
  public void updateSecret(UpdateSecretRequest request, StreamObserver<Secret> observer) {
    String name = request.getSecret().getName();
    answer(observer, "secretmanager.secrets.update", name, () -> {
      StoredSecret s = store.secret(name);
      Secret.Builder b = s.secret.toBuilder();
      for (String path : request.getUpdateMask().getPathsList()) {
        switch (path) {
          case "version_aliases":
            Store.checkAliases(s, request.getSecret().getVersionAliasesMap());
            b.clearVersionAliases().putAllVersionAliases(request.getSecret().getVersionAliasesMap());
            break;
          case "labels":
            b.clearLabels().putAllLabels(request.getSecret().getLabelsMap());
            break;
          default:
            throw error(Status.Code.INVALID_ARGUMENT, "Unsupported update_mask path: " + path);
        }
      }
      s.secret = b.build();
      return s.secret;
    });
  }

  @Override
  public void deleteSecret(DeleteSecretRequest request, StreamObserver<Empty> observer) {
    answer(observer, "secretmanager.secrets.delete", request.getName(), () -> {
      store.secrets.remove(store.secret(request.getName()).secret.getName());
      return Empty.getDefaultInstance();
    });
  }

  @Override
  public void getSecretVersion(GetSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
    answer(observer, "secretmanager.versions.get", request.getName(), () -> store.version(request.getName()).meta);
  }

  @Override
  public void accessSecretVersion(AccessSecretVersionRequest request,
      StreamObserver<AccessSecretVersionResponse> observer) {
    answer(observer, "secretmanager.versions.access", request.getName(), () -> {
      StoredVersion v = store.version(request.getName());
      if (v.meta.getState() != SecretVersion.State.ENABLED) {
        throw error(Status.Code.FAILED_PRECONDITION,
            "Secret Version [" + v.meta.getName() + "] is in " + v.meta.getState() + " state.");
      }
      ByteString data = v.data;
      if (corruptPayloads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        byte[] bytes = data.isEmpty() ? new byte[] {'x'} : data.toByteArray();
        bytes[0] ^= 0x20;
        data = ByteString.copyFrom(bytes);
      }
      return AccessSecretVersionResponse.newBuilder()
          .setName(v.meta.getName())
          .setPayload(SecretPayload.newBuilder().setData(data).setDataCrc32C(v.crc32c))
          .build();
    });
  }

  /** The secrets under {@code parent} (a project, or a project's location), by name, in pages (no filter). */
  @Override
  public void listSecrets(ListSecretsRequest request, StreamObserver<ListSecretsResponse> observer) {
    answer(observer, "secretmanager.secrets.list", request.getParent(), () -> {
      if (!PARENT.matcher(request.getParent()).matches()) {
        throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: parent");
      }
      if (!request.getFilter().trim().isEmpty()) {
        throw error(Status.Code.INVALID_ARGUMENT, "Unsupported filter: " + request.getFilter());
      }
      List<Secret> all = new ArrayList<>();
      String under = request.getParent() + "/secrets/";
      for (Map.Entry<String, StoredSecret> e : store.secrets.entrySet()) {
        if (e.getKey().startsWith(under) && !store.refuses(e.getKey())) {
          all.add(e.getValue().secret);
        }
      }
      all.sort(Comparator.comparing(Secret::getName));
      int size = request.getPageSize() <= 0 ? MAX_PAGE : Math.min(request.getPageSize(), MAX_PAGE);
      int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
      int to = Math.min(all.size(), from + size);
      return ListSecretsResponse.newBuilder()
          .addAllSecrets(all.subList(Math.min(from, to), to))
          .setNextPageToken(to < all.size() ? Integer.toString(to) : "")
          .setTotalSize(all.size())
          .build();
    });
  }

  @Override
  public void listSecretVersions(ListSecretVersionsRequest request,
      StreamObserver<ListSecretVersionsResponse> observer) {
    answer(observer, "secretmanager.versions.list", request.getParent(), () -> {
      StoredSecret s = store.secret(request.getParent());
      String filter = request.getFilter().trim();
      SecretVersion.State wanted = null;
      if (!filter.isEmpty()) {
        if (!filter.startsWith("state:")) {
          throw error(Status.Code.INVALID_ARGUMENT, "Unsupported filter: " + filter);
        }
        wanted = SecretVersion.State.valueOf(filter.substring("state:".length()));
      }
      List<SecretVersion> all = new ArrayList<>();
      for (StoredVersion v : s.versions) {
        if (wanted == null || v.meta.getState() == wanted) {
          all.add(v.meta);
        }
      }
      Comparator<SecretVersion> byCreation = Comparator.comparing(v -> v.getCreateTime().getSeconds());
      all.sort(listAscending ? byCreation : byCreation.reversed());
      int size = request.getPageSize() <= 0 ? MAX_PAGE : Math.min(request.getPageSize(), MAX_PAGE);
      int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
      int to = Math.min(all.size(), from + size);
      return ListSecretVersionsResponse.newBuilder()
          .addAllVersions(all.subList(Math.min(from, to), to))
          .setNextPageToken(to < all.size() ? Integer.toString(to) : "")
          .setTotalSize(all.size())
          .build();
    });
  }

  @Override
  public void disableSecretVersion(DisableSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
    answer(observer, "secretmanager.versions.disable", request.getName(),
        () -> setState(request.getName(), SecretVersion.State.DISABLED));
  }

  @Override
  public void enableSecretVersion(EnableSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
    answer(observer, "secretmanager.versions.enable", request.getName(),
        () -> setState(request.getName(), SecretVersion.State.ENABLED));
  }

  @Override
  public void destroySecretVersion(DestroySecretVersionRequest request, StreamObserver<SecretVersion> observer) {
    answer(observer, "secretmanager.versions.destroy", request.getName(), () -> {
      StoredVersion v = store.version(request.getName());
      v.data = ByteString.EMPTY;
      v.meta = v.meta.toBuilder().setState(SecretVersion.State.DESTROYED).setDestroyTime(store.now()).build();
      return v.meta;
    });
  }

  private SecretVersion setState(String name, SecretVersion.State state) {
    StoredVersion v = store.version(name);
    if (v.meta.getState() == SecretVersion.State.DESTROYED) {
      throw error(Status.Code.FAILED_PRECONDITION, "Secret Version [" + v.meta.getName() + "] is in DESTROYED state.");
    }
    v.meta = v.meta.toBuilder().setState(state).build();
    return v.meta;
  }
}
