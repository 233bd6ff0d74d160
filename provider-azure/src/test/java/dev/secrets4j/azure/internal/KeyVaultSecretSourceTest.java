package dev.secrets4j.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.secrets4j.Environment;
import dev.secrets4j.EnvironmentViolationException;
import dev.secrets4j.Secret;
import dev.secrets4j.Secrets;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.spi.SecretSourceException.Kind;
import dev.secrets4j.spi.SecretSourceException;
import dev.secrets4j.spi.SecretVersion;
import dev.secrets4j.spi.SourceUri;
import dev.secrets4j.spi.VersionSelector;
import dev.secrets4j.test.FakeTicker;
import dev.secrets4j.test.azure.Fault;
import dev.secrets4j.test.azure.LocalKeyVault;
import dev.secrets4j.test.azure.TestCredential;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Key Vault source through the real SDK against the local vault: protocol, names, versions, validity, errors. */
class KeyVaultSecretSourceTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private LocalKeyVault vault;
  private SecretClient writer;

  @BeforeEach
  void startVault() throws Exception {
    vault = LocalKeyVault.start();
    writer = vault.newClient();
  }

  @AfterEach
  void stopVault() {
    vault.close();
  }

  private KeyVaultSecretSource source(String params) {
    return source(params, TestCredential.valid());
  }

  private KeyVaultSecretSource source(String params, TokenCredential credential) {
    return TestSources.source(vault.sourceUri(params), credential, ticker.clock(), warnings::add);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(ticker.clock().instant(), ZoneOffset.UTC);
  }

  private static String canary() {
    return "canary-" + UUID.randomUUID().toString().replace("-", "");
  }

  private static SecretSourceException failure(ThrowingCallable call) {
    SecretSourceException e = catchThrowableOfType(SecretSourceException.class, call);
    assertThat(e).as("a SecretSourceException").isNotNull();
    return e;
  }

  private static List<String> messages(Throwable e) {
    List<String> out = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.add(String.valueOf(t.getMessage()));
    }
    return out;
  }

  // ------------------------------------------------------------------ protocol

  @Test
  void firstRequest_meetsTheBearerChallenge_andTheTokenIsAskedForTheChallengedResourceAndTenant() throws Exception {
    TestCredential credential = TestCredential.valid();
    KeyVaultSecretSource src = source("", credential);

    // the source is the first client of this vault (the SDK caches a challenge per host and port)
    assertThat(failure(() -> src.fetch("api-key", VersionSelector.CURRENT)).kind()).isEqualTo(Kind.NOT_FOUND);
    writer.setSecret("api-key", "v");
    assertThat(src.fetch("api-key", VersionSelector.CURRENT).valueAsString()).isEqualTo("v");

    assertThat(vault.requests()).filteredOn(r -> r.method().equals("GET"))
        .extracting(r -> r.status() + (r.authenticated() ? " token" : " none"))
        .containsExactly("401 none", "404 token", "200 token");
    assertThat(vault.requests()).extracting(r -> r.apiVersion())
        .containsOnly(com.azure.security.keyvault.secrets.SecretServiceVersion.getLatest().getVersion());
    assertThat(credential.requests()).isNotEmpty();
    TokenRequestContext asked = credential.requests().get(0);
    assertThat(asked.getScopes()).containsExactly(LocalKeyVault.RESOURCE + "/.default");
    assertThat(asked.getTenantId()).isEqualTo(LocalKeyVault.TENANT);
  }

  // ------------------------------------------------------------------ names

  @Test
  void dotsUnderscoresAndSlashes_mapToDashes() throws Exception {
    writer.setSecret("app-db-password", "p1");
    writer.setSecret("smtp-user", "p2");
    writer.setSecret("svc-api-key", "p3");
    KeyVaultSecretSource src = source("");
    assertThat(src.fetch("app.db.password", VersionSelector.CURRENT).valueAsString()).isEqualTo("p1");
    assertThat(src.fetch("smtp_user", VersionSelector.CURRENT).valueAsString()).isEqualTo("p2");
    assertThat(src.fetch("svc/api/key", VersionSelector.CURRENT).valueAsString()).isEqualTo("p3");
    assertThat(vault.count("GET", "/secrets/svc-api-key/")).isEqualTo(1);
  }

  @Test
  void twoNamesMappingToOneVaultName_areAConfigurationError_namingBoth() throws Exception {
    writer.setSecret("db-password", "pw");
    KeyVaultSecretSource src = source("");
    assertThat(src.fetch("db.password", VersionSelector.CURRENT).valueAsString()).isEqualTo("pw");

    for (String other : List.of("db_password", "db-password", "DB.Password")) {
      SecretSourceException e = failure(() -> src.fetch(other, VersionSelector.CURRENT));
      assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
      assertThat(e.getMessage()).contains("'db.password'", "'" + other + "'", "'" + KeyVaultNames.map(other) + "'",
          src.id(), "rename");
    }
    assertThat(src.fetch("db.password", VersionSelector.CURRENT).valueAsString()).isEqualTo("pw");
  }

  @Test
  void nameThatCannotBeAVaultName_isRefusedWithoutAStoreCall() {
    KeyVaultSecretSource src = source("");
    SecretSourceException e = failure(() -> src.fetch("stripe key!", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("'stripe key!'", "letters, digits and '-'");
    assertThat(vault.count("GET", "/secrets/")).isZero();
  }

  // ------------------------------------------------------------------ versions

  @Test
  void settingANewValue_isOneRotation_andVersionsGivesThePreviousOne() throws Exception {
    writer.setSecret("signing-key", "key-one");
    try (Secrets secrets = Secrets.builder().source(source("")).environment("development").ticker(ticker)
        .refreshRateLimit(Duration.ZERO).build()) {
      List<String> rotations = new CopyOnWriteArrayList<>();
      secrets.onRotation("signing-key", (n, o, c) -> rotations.add(o + "->" + c));
      assertThat(secrets.get("signing-key").asString()).isEqualTo("key-one");

      writer.setSecret("signing-key", "key-two");
      ticker.advance(Duration.ofSeconds(2));
      secrets.refresh("signing-key");
      ticker.advance(Duration.ofSeconds(2));
      secrets.refresh("signing-key");

      List<String> ids = vault.versionIds("signing-key");
      assertThat(rotations).containsExactly(ids.get(0) + "->" + ids.get(1));
      assertThat(secrets.versions("signing-key")).extracting(Secret::asString, Secret::versionId)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("key-two", ids.get(1)),
              org.assertj.core.groups.Tuple.tuple("key-one", ids.get(0)));
    }
  }

  @Test
  void versionDisabledInTheVault_afterARotation_isNotServedAsThePreviousOne() throws Exception {
    KeyVaultSecret leaked = writer.setSecret("jwt-signing", "leaked-key");
    try (Secrets secrets = Secrets.builder().source(source("")).environment("development").ticker(ticker)
        .refreshRateLimit(Duration.ZERO).build()) {
      secrets.get("jwt-signing");
      writer.setSecret("jwt-signing", "fresh-key");
      ticker.advance(Duration.ofSeconds(2));
      assertThat(secrets.refresh("jwt-signing").asString()).isEqualTo("fresh-key");
      writer.updateSecretProperties(leaked.getProperties().setEnabled(false));

      assertThat(secrets.versions("jwt-signing")).extracting(Secret::asString).containsExactly("fresh-key");
    }
  }

  @Test
  void previous_isTheNewestEnabledOlderVersion_foundAcrossListPages() throws Exception {
    vault.pageSize(2);
    for (int i = 1; i <= 5; i++) {
      writer.setSecret("paged", "value-" + i);
    }
    List<String> ids = vault.versionIds("paged");
    SecretProperties fourth = writer.getSecret("paged", ids.get(3)).getProperties();
    writer.updateSecretProperties(fourth.setEnabled(false));
    KeyVaultSecretSource src = source("");
    vault.resetCalls();

    SecretVersion previous = src.fetch("paged", VersionSelector.PREVIOUS);

    assertThat(vault.calls("GetSecret")).as("versions a second apart: the newest is current, no call to ask")
        .isEqualTo(1);
    assertThat(previous.valueAsString()).isEqualTo("value-3");
    assertThat(previous.versionId()).isEqualTo(ids.get(2));
    assertThat(previous.stage()).isEqualTo(SecretVersion.Stage.PREVIOUS);
    assertThat(vault.count("GET", "/secrets/paged/versions")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void previous_ofVersionsWrittenInTheSameSecond_isNeverTheCurrentOne() throws Exception {
    vault.freezeWriteTime(Instant.parse("2026-03-01T10:00:00Z"));
    String name;
    String older;
    for (int i = 0; ; i++) {
      // a pair whose current id sorts above the other: listed after it, where a sort that cannot tell them apart
      // leaves the current one in the previous one's place
      name = "same-second-" + i;
      older = vault.put(name, "older");
      if (vault.put(name, "current").compareTo(older) > 0) {
        break;
      }
    }
    vault.freezeWriteTime(null);
    KeyVaultSecretSource src = source("");

    SecretVersion previous = src.fetch(name, VersionSelector.PREVIOUS);

    assertThat(previous.versionId()).isEqualTo(older);
    assertThat(previous.valueAsString()).isEqualTo("older");
    assertThat(vault.calls("GetSecret")).as("the vault was asked which one is current, then for the previous").isEqualTo(2);
  }

  @Test
  void previous_isNotChangedByAnUpdateOfAnOlderVersionsAttributes_andTiesAreBrokenByVersionId() throws Exception {
    vault.freezeWriteTime(Instant.parse("2026-03-01T10:00:00Z"));
    String a = vault.put("tied", "a");
    String b = vault.put("tied", "b");
    vault.freezeWriteTime(null);
    vault.put("tied", "current");
    String lowerId = a.compareTo(b) < 0 ? a : b;
    String higherId = lowerId.equals(a) ? b : a;
    KeyVaultSecretSource src = source("");
    assertThat(src.fetch("tied", VersionSelector.PREVIOUS).versionId()).isEqualTo(higherId);

    // an operator tags the other one later: its update time is now the newest of all
    writer.updateSecretProperties(writer.getSecret("tied", lowerId).getProperties().setTags(Map.of("note", "x")));

    assertThat(src.fetch("tied", VersionSelector.PREVIOUS).versionId()).isEqualTo(higherId);
    assertThat(src.fetch("tied", VersionSelector.PREVIOUS).versionId()).isEqualTo(higherId);
  }

  @Test
  void previous_ofASecretWithOneVersion_isNotFound() throws Exception {
    writer.setSecret("single", "only");
    SecretSourceException e = failure(() -> source("").fetch("single", VersionSelector.PREVIOUS));
    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("'single'", "no previous version");
  }

  @Test
  void versionById_readsThatVersion() throws Exception {
    writer.setSecret("by-id", "first");
    writer.setSecret("by-id", "second");
    String first = vault.versionIds("by-id").get(0);
    SecretVersion v = source("").fetch("by-id", VersionSelector.id(first));
    assertThat(v.valueAsString()).isEqualTo("first");
    assertThat(v.versionId()).isEqualTo(first);
  }

  // ------------------------------------------------------------------ validity and metadata

  @Test
  void expiredSecret_isAnErrorThatSaysSo() {
    String value = canary();
    OffsetDateTime expired = now().minusDays(1);
    put(writer, "old-token", value, p -> p.setExpiresOn(expired));
    SecretSourceException e = failure(() -> source("").fetch("old-token", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("'old-token'", "expired on " + expired.toInstant(), "set a new value")
        .doesNotContain(value);
  }

  @Test
  void secretBeforeItsNotBeforeDate_isAnErrorThatSaysSo() {
    OffsetDateTime later = now().plusDays(1);
    put(writer, "future-key", "v", p -> p.setNotBefore(later));
    SecretSourceException e = failure(() -> source("").fetch("future-key", VersionSelector.CURRENT));
    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("'future-key'", "not valid before " + later.toInstant());
  }

  @Test
  void expiredPreviousVersion_isNotFound_soTheResolverOffersOnlyTheCurrentOne() throws Exception {
    put(writer, "jwt-key", "old", p -> p.setExpiresOn(now().minusHours(1)));
    writer.setSecret("jwt-key", "new");
    SecretSourceException e = failure(() -> source("").fetch("jwt-key", VersionSelector.PREVIOUS));
    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("expired");
  }

  @Test
  void nearExpiry_isReportedOncePerVersion_withoutTheValue() throws Exception {
    String value = canary();
    OffsetDateTime soon = now().plusDays(3);
    put(writer, "expiring", value, p -> p.setExpiresOn(soon));
    put(writer, "far-off", "v", p -> p.setExpiresOn(now().plusDays(60)));
    KeyVaultSecretSource src = source("expiryWarning=14d");

    src.fetch("expiring", VersionSelector.CURRENT);
    src.fetch("expiring", VersionSelector.CURRENT);
    src.fetch("far-off", VersionSelector.CURRENT);

    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("'expiring'", "expires on " + soon.toInstant(), "in 3 days", src.id())
        .doesNotContain(value);
  }

  @Test
  void metadata_carriesDatesEnabledTagsAndContentType() throws Exception {
    OffsetDateTime exp = now().plusDays(90);
    OffsetDateTime nbf = now().minusDays(1);
    KeyVaultSecret written = put(writer, "stripe-api-key", "v", p -> p.setExpiresOn(exp)
        .setNotBefore(nbf).setContentType("text/plain").setTags(Map.of("environment", "staging", "owner", "billing")));

    SecretMetadata md = source("").metadata("stripe-api-key").orElseThrow();

    assertThat(md.created()).contains(written.getProperties().getCreatedOn().toInstant());
    assertThat(md.lastRotated()).isEqualTo(md.created());
    assertThat(md.lastChanged()).contains(written.getProperties().getUpdatedOn().toInstant());
    assertThat(md.expires()).contains(exp.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(md.notBefore()).contains(nbf.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(md.enabled()).contains(true);
    assertThat(md.contentType()).contains("text/plain");
    assertThat(md.tags()).containsEntry("owner", "billing");
    assertThat(md.environmentTag()).contains("staging");
  }

  @Test
  void environmentTag_feedsTheGuard_whichRefusesAnotherEnvironmentsSecret() {
    put(writer, "prod-only", "v", p -> p.setTags(Map.of("environment", "production")));
    try (Secrets secrets = Secrets.builder().source(source("")).environment("staging").ticker(ticker).build()) {
      assertThatThrownBy(() -> secrets.get("prod-only"))
          .isInstanceOf(EnvironmentViolationException.class)
          .hasMessageContaining("prod-only");
    }
  }

  /** Writes a new version of {@code name} through the SDK; {@code properties} adjusts its attributes first. */
  private static KeyVaultSecret put(SecretClient writer, String name, String value,
      Consumer<SecretProperties> properties) {
    KeyVaultSecret s = new KeyVaultSecret(name, value);
    properties.accept(s.getProperties());
    return writer.setSecret(s);
  }
}
