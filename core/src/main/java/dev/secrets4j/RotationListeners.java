package dev.secrets4j;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rotation listeners, per secret and global, and the count of rotations seen. A throwing listener is logged. */
final class RotationListeners {
  private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);

  private final Map<String, List<RotationListener>> byName = new ConcurrentHashMap<>();
  private final List<RotationListener> global = new CopyOnWriteArrayList<>();
  private final AtomicLong rotations = new AtomicLong();

  void add(String name, RotationListener listener) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(listener, "listener");
    byName.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(listener);
  }

  void add(RotationListener listener) {
    global.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Tells the listeners of {@code name}, then the global ones, that it rotated from {@code oldId} to {@code newId}. */
  void fire(String name, String oldId, String newId) {
    rotations.incrementAndGet();
    for (RotationListener listener : byName.getOrDefault(name, List.of())) {
      notify(listener, name, oldId, newId);
    }
    for (RotationListener listener : global) {
      notify(listener, name, oldId, newId);
    }
  }

  /** Tells the listeners of {@code name}, then the global ones, that version {@code versionId} was revoked. */
  void revoked(String name, String versionId) {
    for (RotationListener listener : byName.getOrDefault(name, List.of())) {
      notifyRevoked(listener, name, versionId);
    }
    for (RotationListener listener : global) {
      notifyRevoked(listener, name, versionId);
    }
  }

  /** Rotations seen since the start. */
  long count() {
    return rotations.get();
  }

  private static void notifyRevoked(RotationListener listener, String name, String versionId) {
    try {
      listener.onRevocation(name, versionId);
    } catch (RuntimeException ex) {
      LOG.warn("rotation listener {} failed on the revocation of secret '{}': {}", listener.getClass().getName(),
          name, ex.getClass().getName());
    }
  }

  private static void notify(RotationListener listener, String name, String oldId, String newId) {
    try {
      listener.onRotation(name, oldId, newId);
    } catch (RuntimeException ex) {
      LOG.warn("rotation listener {} failed for secret '{}': {}", listener.getClass().getName(), name,
          ex.getClass().getName());
    }
  }
}
