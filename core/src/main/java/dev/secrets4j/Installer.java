package dev.secrets4j;

import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSource;
import dev.secrets4j.spi.SecretVersion;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a version that passed the guards into the entry's new state: a resolver-owned {@link Secret}, the
 * previous version where the store keeps none, the audit fingerprint, the next refresh time. Loads, refreshes and
 * preloads all install through here. Also warns, in production, of a secret past its rotation age.
 */
final class Installer {
  private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);

  private final OwnedSecrets owned;
  private final SecretSource source;
  private final Backoff backoff;
  private final byte[] fingerprintKey;
  private final ResolverSettings s;
  private final Clock clock;

  Installer(ResolverSettings s, OwnedSecrets owned, Backoff backoff) {
    this.s = s;
    this.owned = owned;
    this.source = s.source;
    this.backoff = backoff;
    this.fingerprintKey = s.fingerprintKey;
    this.clock = s.clock;
  }

  /** Installs {@code v} in {@code e}; returns the new state. Caller holds the entry lock or the refresh claim. */
  Loaded install(Entry e, SecretVersion v, long now, Loaded prior) {
    Secret secret = owned.share(e.name, v.versionId(), v.created().orElse(null), v.value());
    Loaded fresh;
    if (prior != null && !prior.current.versionId().equals(v.versionId())) {
      // a store with history is asked for the previous version when someone wants it (it may be disabled there)
      boolean keep = !source.keepsVersionHistory();
      fresh = new Loaded(secret, keep ? prior.current : null, keep, fingerprint(v));
    } else if (prior != null) {
      fresh = new Loaded(secret, prior.previous, prior.previousKnown, fingerprint(v));
    } else {
      fresh = new Loaded(secret, null, false, fingerprint(v));
    }
    e.installed(fresh, now, now + backoff.refreshNanos());
    return fresh;
  }

  /** The keyed fingerprint of {@code v}'s value for audit events, or null without a key. */
  String fingerprint(SecretVersion v) {
    byte[] key = fingerprintKey;
    if (key == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] value = v.value();
      byte[] out = mac.doFinal(value);
      Arrays.fill(value, (byte) 0);
      return "hmac-sha256:" + HexFormat.of().formatHex(out, 0, 12);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** In production, a secret past its rotation age is logged once, when it is first loaded. */
  void warnIfOverdue(String name, Optional<SecretMetadata> metadata) {
    if (!s.detection.environment().isProduction() || s.overdueRotation == GuardOptions.Mode.OFF
        || metadata.isEmpty()) {
      return;
    }
    Manifest.Report.Rotation r = RotationAge.of(s.rotationPolicy, name, name, metadata, clock.instant());
    if (r.overdue()) {
      LOG.warn("[overdue-rotation] secret '{}' in {} was last rotated {} days ago; the {} limit is {} days",
          name, s.source.id(), r.age().get().toDays(), r.category().get(), r.maxAge().get().toDays());
    }
  }
}
