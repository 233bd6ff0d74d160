package dev.secrets4j.azure.internal;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What a failure's cause chain says about it: an untrusted or mismatched certificate (retrying cannot help), an I/O
 * failure (refused, reset, dropped, timed out: retrying may), or a file that cannot be read (a configuration error).
 * The chain is followed through causes only, at most 20 deep.
 */
final class Causes {
  private static final int MAX_DEPTH = 20;

  private Causes() {}

  /** The first {@code type} on the cause chain of {@code e}, or null. */
  static <T extends Throwable> T find(Throwable e, Class<T> type) {
    int depth = 0;
    for (Throwable c = e; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /**
   * The TLS failure that no retry can fix, or null: the peer's certificate is not trusted (PKIX path building or
   * validation failed), names another host, or the handshake was refused for a reason other than a dropped
   * connection.
   */
  static Throwable tlsTrustFailure(Throwable e) {
    Throwable cert = find(e, CertificateException.class);
    if (cert == null) {
      cert = find(e, CertPathBuilderException.class);
    }
    if (cert == null) {
      cert = find(e, CertPathValidatorException.class);
    }
    if (cert == null) {
      cert = find(e, SSLPeerUnverifiedException.class);
    }
    if (cert != null) {
      return cert;
    }
    SSLHandshakeException handshake = find(e, SSLHandshakeException.class);
    if (handshake != null && !droppedDuringHandshake(handshake)) {
      return handshake;
    }
    return null;
  }

  /** An I/O failure on the way to the store (not a TLS trust failure, not an unreadable file), or a time-out. */
  static boolean isIoFailure(Throwable e) {
    if (tlsTrustFailure(e) != null || find(e, FileSystemException.class) != null) {
      return false;
    }
    return find(e, IOException.class) != null || find(e, TimeoutException.class) != null;
  }

  /** {@code SSLHandshakeException: Remote host terminated the handshake}, caused by an EOF or a reset: I/O. */
  private static boolean droppedDuringHandshake(SSLHandshakeException e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof GeneralSecurityException) {
        return false;
      }
      if (c instanceof IOException && !(c instanceof SSLException)) {
        return true;
      }
    }
    String m = String.valueOf(e.getMessage());
    return m.contains("terminated the handshake") || m.contains("closed");
  }

  /** {@code ClassName: message} of {@code e}, the message's first line cut at 300 characters. */
  static String describe(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    return e.getClass().getSimpleName() + ": " + (line.length() > 300 ? line.substring(0, 300) + "…" : line);
  }
}
