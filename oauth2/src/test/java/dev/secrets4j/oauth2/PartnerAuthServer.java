package dev.secrets4j.oauth2;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * A real OAuth2 authorization server on loopback ({@code mock-oauth2-server}, which issues signed JWTs through
 * Nimbus) with what it lacks for these tests in front of its token endpoint: it knows each client's accepted
 * secrets and answers {@code invalid_client} (Nimbus's own error response) to any other, counts token requests,
 * records how each client authenticated, and can hold requests until released.
 */
final class PartnerAuthServer implements AutoCloseable {
  static final String ISSUER = "partner";

  final MockOAuth2Server server;
  private final Map<String, Set<String>> accepted = new ConcurrentHashMap<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  final List<String> secretsSeen = new CopyOnWriteArrayList<>();
  final List<String> methodsSeen = new CopyOnWriteArrayList<>();
  final List<String> audiencesSeen = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch hold;

  PartnerAuthServer() {
    server = new MockOAuth2Server(new CredentialCheck());
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  URI tokenUri() {
    return server.tokenEndpointUrl(ISSUER).uri();
  }

  /** Only these secrets of {@code clientId} are accepted from now on. */
  void accept(String clientId, String... secrets) {
    accepted.put(clientId, Set.of(secrets));
  }

  int tokenRequests() {
    return tokenRequests.get();
  }

  /** Token requests wait until {@link #release()}. */
  void holdRequests() {
    hold = new CountDownLatch(1);
  }

  void release() {
    hold.countDown();
  }

  /** The endpoint goes down: connections are refused from now on. */
  void stop() {
    server.shutdown();
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (RuntimeException alreadyStopped) {
      // stopped by the test
    }
  }

  private final class CredentialCheck implements Route {
    @Override
    public boolean match(OAuth2HttpRequest request) {
      if (!request.getUrl().encodedPath().endsWith("/token")) {
        return false;
      }
      tokenRequests.incrementAndGet();
      CountDownLatch h = hold;
      if (h != null) {
        try {
          h.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      TokenRequest token = request.asNimbusTokenRequest();
      PlainClientSecret auth = (PlainClientSecret) token.getClientAuthentication();
      String secret = auth.getClientSecret().getValue();
      secretsSeen.add(secret);
      methodsSeen.add(auth instanceof ClientSecretPost ? "post" : "basic");
      List<String> audience = token.getCustomParameter("audience");
      audiencesSeen.add(audience == null ? "-" : String.join(",", audience));
      Set<String> ok = accepted.get(auth.getClientID().getValue());
      return ok != null && !ok.contains(secret); // answered here: invalid_client; else the server issues a token
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
      HTTPResponse error = new TokenErrorResponse(OAuth2Error.INVALID_CLIENT).toHTTPResponse();
      return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json;charset=UTF-8"),
          error.getStatusCode(), error.getBody(), null);
    }
  }
}
