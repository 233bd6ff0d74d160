package dev.secrets4j.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secrets4j.EnvironmentViolationException;
import dev.secrets4j.spi.SecretMetadata;
import dev.secrets4j.test.Secrets4jTest;
import dev.secrets4j.test.SecretsEnvironment;
import dev.secrets4j.test.TestSecrets;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Against a real OAuth2 server on loopback, on the test's fake time: refreshes run when the test runs them, and
 * no test sleeps. The mock server's tokens live 3600 s ({@code expires_in}).
 */
@Secrets4jTest
@SecretsEnvironment("staging")
@Timeout(60)
class OAuth2TokensTest {
  static final String NAME = "partner-api-client";
  static final String CLIENT_ID = "orders-staging";

  PartnerAuthServer server;
  final Queue<Runnable> refreshes = new ArrayDeque<>();
  final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  final String secretOne = canary();
  final String secretTwo = canary();

  static String canary() {
    return "canary-" + UUID.randomUUID();
  }

  static String client(String secret) {
    return "{\"client_id\": \"" + CLIENT_ID + "\", \"client_secret\": \"" + secret + "\"}";
  }

  @BeforeEach
  void start() {
    server = new PartnerAuthServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  OAuth2TokensBuilder builder(TestSecrets secrets) {
    return OAuth2Tokens.builder(secrets.secrets(), "partner")
        .tokenUri("staging", server.tokenUri())
        .tokenUri("production", URI.create("https://auth.partner.example/prod/token"))
        .scopes(List.of("orders.read", "orders.write"))
        .clientSecret(NAME)
        .ticker(secrets.ticker())
        .clock(secrets.ticker().clock())
        .executor(refreshes::add)
        .auditListener(events::add)
        .auditListener(TokenAuditListener.slf4j());
  }

  void runRefreshes() {
    for (Runnable r; (r = refreshes.poll()) != null; ) {
      r.run();
    }
  }

  List<TokenEvent.Outcome> outcomes() {
    return events.stream().map(TokenEvent::outcome).toList();
  }

  @Test
  void firstToken_isFetchedOnce_thenServedFromCache_andNeverPrinted(TestSecrets secrets) {
    secrets.put(NAME, client(secretOne));
    try (OAuth2Tokens tokens = builder(secrets).build()) {
      AccessToken first = tokens.token();
      AccessToken second = tokens.token();

      assertThat(second).isSameAs(first);
      assertThat(server.tokenRequests()).isEqualTo(1);
      assertThat(first.clientId()).isEqualTo(CLIENT_ID);
      assertThat(first.scopes()).containsExactly("orders.read", "orders.write");
      Instant now = secrets.ticker().clock().instant();   // expires_in is the JWT's exp less the server's time
      assertThat(first.expiresAt()).isBetween(now.plusSeconds(3590), now.plusSeconds(3600));
      assertThat(first.toString()).doesNotContain(first.asString()).contains(CLIENT_ID);
      assertThat(server.methodsSeen).containsExactly("basic");
      TokenEvent issued = events.get(0);
      assertThat(issued.outcome()).isEqualTo(TokenEvent.Outcome.ISSUED);
      assertThat(issued.clientId()).contains(CLIENT_ID);
      assertThat(issued.environment()).isEqualTo("staging");
      assertThat(issued.scopes()).containsExactly("orders.read", "orders.write");
      assertThat(issued.expiresAt()).contains(first.expiresAt());
      assertThat(issued.secretVersionId()).isPresent();
      secrets.assertNoLeak(first.asString());
      secrets.assertNoLeak(secretOne);
    }
  }

  @Test
  void afterMostOfItsLifetime_theCachedTokenIsReturnedAtOnce_andRefreshedInTheBackground(TestSecrets secrets) {
    secrets.put(NAME, client(secretOne));
    try (OAuth2Tokens tokens = builder(secrets).build()) {
      AccessToken first = tokens.token();

      secrets.ticker().advance(Duration.ofSeconds(2400)); // 67%: before the earliest refresh (75% - 10%)
      assertThat(tokens.token()).isSameAs(first);
      assertThat(refreshes).isEmpty();

      secrets.ticker().advance(Duration.ofSeconds(660)); // 85%: past the latest refresh (75% + 10%)
      assertThat(tokens.token()).isSameAs(first);          // not waiting: the refresh is only queued
      assertThat(tokens.token()).isSameAs(first);
      assertThat(refreshes).hasSize(1);                     // one refresh, however many readers
      assertThat(server.tokenRequests()).isEqualTo(1);

      runRefreshes();
      AccessToken second = tokens.token();
      assertThat(second).isNotSameAs(first);
      assertThat(second.expiresAt()).isAfter(first.expiresAt());
      assertThat(server.tokenRequests()).isEqualTo(2);
      assertThat(outcomes()).containsExactly(TokenEvent.Outcome.ISSUED, TokenEvent.Outcome.REFRESHED);
    }
  }

  @Test
  void rotatedClientSecret_isUsedForTheNextToken(TestSecrets secrets) {
    secrets.put(NAME, client(secretOne));
    try (OAuth2Tokens tokens = builder(secrets).build()) {
      tokens.token();
      secrets.rotate(NAME, client(secretTwo));
      server.accept(CLIENT_ID, secretTwo);                   // the authorization server has the new secret only
      secrets.advance(Duration.ofMinutes(6));                // the resolver's refresh notices the rotation

      secrets.ticker().advance(Duration.ofMinutes(50));
      tokens.token();
      runRefreshes();

      assertThat(server.secretsSeen).containsExactly(secretOne, secretTwo);
      assertThat(outcomes()).containsExactly(TokenEvent.Outcome.ISSUED, TokenEvent.Outcome.REFRESHED);
      secrets.assertNoLeak(secretOne);
      secrets.assertNoLeak(secretTwo);
    }
  }

  @Test
  void invalidClient_reloadsTheSecretOnce_andRetriesWithTheNewVersion(TestSecrets secrets) {
    secrets.put(NAME, client(secretOne));
    secrets.secrets().get(NAME);                           // the resolver caches version one
    secrets.rotate(NAME, client(secretTwo));               // rotated in the store, not yet seen by the resolver
    server.accept(CLIENT_ID, secretTwo);
    try (OAuth2Tokens tokens = builder(secrets).build()) {
      AccessToken token = tokens.token();

      assertThat(token.clientId()).isEqualTo(CLIENT_ID);
      assertThat(server.secretsSeen).containsExactly(secretOne, secretTwo);
      assertThat(outcomes()).containsExactly(TokenEvent.Outcome.CLIENT_REJECTED, TokenEvent.Outcome.ISSUED);
      assertThat(events.get(0).secretVersionId()).isNotEqualTo(events.get(1).secretVersionId());
    }
  }

  @Test
  void invalidClient_forTheNewVersion_fallsBackToThePreviousOne(TestSecrets secrets) {
    secrets.put(NAME, client(secretOne));
    secrets.rotate(NAME, client(secretTwo));               // the store is ahead of the authorization server
    server.accept(CLIENT_ID, secretOne);
    try (OAuth2Tokens tokens = builder(secrets).build()) {
      tokens.token();

      assertThat(server.secretsSeen).containsExactly(secretTwo, secretOne);
      assertThat(outcomes()).containsExactly(TokenEvent.Outcome.CLIENT_REJECTED, TokenEvent.Outcome.ISSUED);
    }
  }

  @Test
  void invalidClient_forEveryVersion_failsNamingClientAndEnvironment_neverTheSecret(TestSecrets secrets) {
    secrets.put(NAME, client(secretOne));
    secrets.rotate(NAME, client(secretTwo));
    server.accept(CLIENT_ID, canary());
    try (OAuth2Tokens tokens = builder(secrets).build()) {
      OAuth2TokenException e = catchThrowableOfType(OAuth2TokenException.class, tokens::token);

      assertThat(e.reason()).isEqualTo(OAuth2TokenException.Reason.CLIENT_REJECTED);
      assertThat(e.clientId()).isEqualTo(CLIENT_ID);
      assertThat(e.environment()).isEqualTo("staging");
      assertThat(e.getMessage()).contains("'" + CLIENT_ID + "'", "staging", "invalid_client", "'" + NAME + "'",
          "all 2 versions");
      assertThat(server.tokenRequests()).isEqualTo(2);        // the current version, then the previous one
      assertThat(outcomes()).containsExactly(TokenEvent.Outcome.CLIENT_REJECTED,
          TokenEvent.Outcome.CLIENT_REJECTED, TokenEvent.Outcome.FAILED);
      secrets.assertNoLeak(secretOne, e);
      secrets.assertNoLeak(secretTwo, e);
    }
  }

  @Test
  void endpointDown_servesTheCachedTokenUntilItsExpiry_thenFailsClearly(TestSecrets secrets) {
    secrets.put(NAME, client(secretOne));
    try (OAuth2Tokens tokens = builder(secrets).build()) {
      AccessToken first = tokens.token();
      server.stop();

      secrets.ticker().advance(Duration.ofMinutes(55));
      assertThat(tokens.token()).isSameAs(first);
      runRefreshes();                                          // fails: connection refused
      assertThat(tokens.token()).isSameAs(first);              // stale, still valid
      assertThat(outcomes()).containsExactly(TokenEvent.Outcome.ISSUED, TokenEvent.Outcome.STALE);
      runRefreshes();

      secrets.ticker().advance(Duration.ofMinutes(5));         // exactly at expiry: never handed out
      OAuth2TokenException e = catchThrowableOfType(OAuth2TokenException.class, tokens::token);

      assertThat(e.reason()).isEqualTo(OAuth2TokenException.Reason.ENDPOINT_UNAVAILABLE);
      assertThat(e.getMessage()).contains("'" + CLIENT_ID + "'", "staging", server.tokenUri().toString(),
          "could not be reached");
      assertThat(outcomes()).endsWith(TokenEvent.Outcome.FAILED);
      secrets.assertNoLeak(first.asString(), e);
      secrets.assertNoLeak(secretOne, e);
    }
  }

  @Test
  void clientSecretPost_andPerEnvironmentAudience_fromProperties(TestSecrets secrets) {
    secrets.put("partner-client-id", CLIENT_ID);
    secrets.put("partner-client-secret", secretOne);
    Properties p = new Properties();
    p.setProperty("oauth2.partner.token-uri.production", "https://auth.partner.example/prod/token");
    p.setProperty("oauth2.partner.token-uri.staging", server.tokenUri().toString());
    p.setProperty("oauth2.partner.scopes", "orders.read");
    p.setProperty("oauth2.partner.audience", "https://api.partner.example");
    p.setProperty("oauth2.partner.audience.staging", "https://api.staging.partner.example");
    p.setProperty("oauth2.partner.credentials", "partner-client-id, partner-client-secret");
    p.setProperty("oauth2.partner.authentication", "client_secret_post");
    try (OAuth2Tokens tokens = OAuth2Tokens.builder(secrets.secrets(), "partner").properties(p)
        .ticker(secrets.ticker()).clock(secrets.ticker().clock()).executor(refreshes::add).build()) {
      HttpRequest request = tokens.authorize(HttpRequest.newBuilder(URI.create("http://127.0.0.1/orders"))).build();

      assertThat(server.methodsSeen).containsExactly("post");
      assertThat(server.audiencesSeen).containsExactly("https://api.staging.partner.example");
      assertThat(request.headers().firstValue("Authorization")).contains(tokens.token().authorizationHeader());
      assertThat(tokens.token().scopes()).containsExactly("orders.read");
    }
  }

  @Test
  void anotherEnvironmentsEndpoint_isNeverUsed(TestSecrets secrets) {
    OAuth2TokensBuilder onlyProduction = OAuth2Tokens.builder(secrets.secrets(), "partner")
        .tokenUri("production", URI.create("https://auth.partner.example/prod/token"))
        .clientSecret(NAME);

    assertThatThrownBy(onlyProduction::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no token endpoint for client 'partner' in staging")
        .hasMessageContaining("oauth2.partner.token-uri.staging");
  }

  @Test
  void aClientSecretFromProductionsStore_isRefusedBeforeAnyTokenRequest(TestSecrets secrets) {
    secrets.put(NAME, client(secretOne));
    secrets.store().metadata(NAME, SecretMetadata.builder().tag("environment", "production").build());
    try (OAuth2Tokens tokens = builder(secrets).build()) {
      OAuth2TokenException e = catchThrowableOfType(OAuth2TokenException.class, tokens::token);

      assertThat(e.reason()).isEqualTo(OAuth2TokenException.Reason.CLIENT_SECRET_UNAVAILABLE);
      assertThat(e).hasCauseInstanceOf(EnvironmentViolationException.class);
      assertThat(e.getMessage()).contains("'partner'", "staging");
      assertThat(server.tokenRequests()).isZero();
      secrets.assertNoLeak(secretOne, e);
    }
  }
}
