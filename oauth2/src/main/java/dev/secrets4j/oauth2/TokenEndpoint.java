package dev.secrets4j.oauth2;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.io.IOException;
import java.util.List;

/**
 * One client-credentials token request (RFC 6749 section 4.4), built, sent and parsed by the Nimbus OAuth 2.0 SDK.
 * What it reports never carries the token or the secret: a Nimbus parse error (whose message may quote the
 * answer) is reduced to the HTTP status.
 */
final class TokenEndpoint {
  /** A token the endpoint issued; {@code lifetimeSeconds} is {@code expires_in}, 0 when the answer has none. */
  record Issued(String value, long lifetimeSeconds, List<String> scopes) {
    @Override
    public String toString() {
      return "Issued[lifetime=" + lifetimeSeconds + "s scopes=" + scopes + "]";
    }
  }

  /** Why a request got no token. */
  enum Failure { UNAVAILABLE, INVALID_CLIENT, REFUSED }

  /** A request that got no token; the message is safe to show. */
  static final class EndpointException extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Failure failure;

    EndpointException(Failure failure, String message, Throwable cause) {
      super(message, cause);
      this.failure = failure;
    }
  }

  private final ClientConfig config;

  TokenEndpoint(ClientConfig config) {
    this.config = config;
  }

  Issued request(ClientCredentials.Credential credential) throws EndpointException {
    ClientID id = new ClientID(credential.clientId);
    Secret secret = new Secret(credential.secret);
    try {
      TokenRequest.Builder request = new TokenRequest.Builder(config.tokenUri(),
          config.authentication() == ClientAuthentication.CLIENT_SECRET_POST
              ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret),
          new ClientCredentialsGrant());
      if (!config.scopes().isEmpty()) {
        request.scope(new Scope(config.scopes().toArray(String[]::new)));
      }
      if (config.audience() != null) {
        request.customParameter("audience", config.audience());
      }
      HTTPRequest http = request.build().toHTTPRequest();
      http.setConnectTimeout((int) config.connectTimeout().toMillis());
      http.setReadTimeout((int) config.readTimeout().toMillis());
      return answer(http.send());
    } catch (IOException e) {
      // connection refused, reset, timed out: the JDK's messages name the host, never the request body
      throw new EndpointException(Failure.UNAVAILABLE, "the endpoint could not be reached ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    } finally {
      secret.erase();
    }
  }

  private Issued answer(HTTPResponse http) throws EndpointException {
    TokenResponse response;
    try {
      response = TokenResponse.parse(http);
    } catch (ParseException e) {
      throw new EndpointException(http.getStatusCode() >= 200 && http.getStatusCode() < 300
          ? Failure.REFUSED : Failure.UNAVAILABLE,
          "the endpoint's answer (HTTP " + http.getStatusCode() + ") is not an OAuth2 token response", null);
    }
    if (response.indicatesSuccess()) {
      AccessTokenResponse ok = response.toSuccessResponse();
      com.nimbusds.oauth2.sdk.token.AccessToken token = ok.getTokens().getAccessToken();
      List<String> granted = token.getScope() == null ? config.scopes() : token.getScope().toStringList();
      return new Issued(token.getValue(), token.getLifetime(), granted);
    }
    ErrorObject error = response.toErrorResponse().getErrorObject();
    String code = error.getCode() == null ? "(no error code)" : error.getCode();
    String what = "the endpoint answered HTTP " + http.getStatusCode() + " " + code;
    if (OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode())) {
      throw new EndpointException(Failure.INVALID_CLIENT, what, null);
    }
    if (http.getStatusCode() >= 500 || http.getStatusCode() == 429) {
      throw new EndpointException(Failure.UNAVAILABLE, what, null);
    }
    throw new EndpointException(Failure.REFUSED, what, null);
  }
}
