package dev.secrets4j;

import dev.secrets4j.spi.CredentialPatterns;
import java.util.List;

/** A credential-format plug-in found through ServiceLoader (registered in test resources). */
public final class AcmeCredentialPatterns implements CredentialPatterns {
  @Override
  public List<CredentialPatterns.Format> patterns() {
    return List.of(CredentialPatterns.Format.live("Acme live key", "acme_live_[a-z0-9]{6,}"));
  }
}
