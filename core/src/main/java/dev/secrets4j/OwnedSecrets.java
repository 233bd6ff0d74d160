package dev.secrets4j;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Every resolver-owned {@link Secret} (current and previous versions, JSON fields), so that {@link #close()}
 * zeroes each one a reader may still hold, however many rotations ago it was made. After close nothing more can
 * be created: a load that was in flight gets its value zeroed and an {@link IllegalStateException} instead of a
 * live value nobody could destroy. Values nobody references any more are forgotten as the garbage collector
 * clears them, so the set does not grow with rotations.
 */
final class OwnedSecrets {
  private final ReferenceQueue<Secret> cleared = new ReferenceQueue<>();
  private final Set<WeakReference<Secret>> live = new HashSet<>();
  private boolean closed;

  /**
   * A resolver-owned secret holding {@code value} (taken, not copied).
   *
   * @throws IllegalStateException when the resolver was closed meanwhile (the value is zeroed first)
   */
  Secret share(String name, String versionId, Instant created, byte[] value) {
    synchronized (this) {
      if (closed) {
        Arrays.fill(value, (byte) 0);
        throw new IllegalStateException("this Secrets resolver was closed while secret '" + name + "' was loading");
      }
      expunge();
      Secret s = Secret.shared(name, versionId, created, value);
      live.add(new WeakReference<>(s, cleared));
      return s;
    }
  }

  /** How many owned secrets may still be referenced (for tests). */
  synchronized int size() {
    expunge();
    return live.size();
  }

  /** Zeroes every owned secret still referenced; later {@link #share} calls fail. */
  void close() {
    synchronized (this) {
      closed = true;
      for (WeakReference<Secret> ref : live) {
        Secret s = ref.get();
        if (s != null) {
          s.destroyShared();
        }
      }
      live.clear();
    }
  }

  private void expunge() {
    for (Object ref; (ref = cleared.poll()) != null; ) {
      live.remove(ref);
    }
  }
}
