package dev.secrets4j.test.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A {@link TokenCredential} for tests: a fixed token, or a failure, and a record of what it was asked for. The
 * token is never printed.
 */
public final class TestCredential implements TokenCredential {
  /** The token {@link LocalKeyVault} accepts by default. */
  public static final String TOKEN = "test-access-token-7f3c";

  private final Supplier<Mono<AccessToken>> answer;
  private final List<TokenRequestContext> requests = new CopyOnWriteArrayList<>();

  private TestCredential(Supplier<Mono<AccessToken>> answer) {
    this.answer = answer;
  }

  /** Gives {@link #TOKEN}, valid for an hour. */
  public static TestCredential valid() {
    return token(TOKEN);
  }

  /** Gives {@code token}, valid for an hour. */
  public static TestCredential token(String token) {
    return new TestCredential(() -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1))));
  }

  /** Fails as a credential with nothing configured does. */
  public static TestCredential unavailable() {
    return new TestCredential(() -> Mono.error(new CredentialUnavailableException(
        "EnvironmentCredential authentication unavailable. Environment variables are not fully configured.")));
  }

  /**
   * Fails as a credential whose identity Microsoft Entra ID refuses: a {@link ClientAuthenticationException} (a
   * wrong client secret, AADSTS7000215). Definitive: trying again does not help.
   */
  public static TestCredential refused() {
    return new TestCredential(() -> Mono.error(new ClientAuthenticationException("ClientSecretCredential"
        + " authentication failed: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the"
        + " request is the client secret value, not the client secret ID.", null)));
  }

  /**
   * Fails as azure-identity reports an outage of Microsoft Entra ID or of the managed identity endpoint: MSAL's
   * {@link MsalServiceException} with the error {@code temporarily_unavailable} (AADSTS90033), what a {@code 5xx}
   * from the token endpoint becomes. Transient: a later try may pass.
   */
  public static TestCredential serviceUnavailable() {
    return new TestCredential(() -> Mono.error(new MsalServiceException("AADSTS90033: A transient error has occurred."
        + " Please try again.", "temporarily_unavailable")));
  }

  /**
   * Fails as azure-identity reports a token endpoint it cannot reach (connection refused): MSAL's
   * {@link MsalClientException} around the I/O failure. Transient.
   */
  public static TestCredential endpointUnreachable() {
    return new TestCredential(() -> Mono.error(new MsalClientException(new UncheckedIOException(
        new ConnectException("Connection refused")))));
  }

  /** Never answers (an identity endpoint that hangs). */
  public static TestCredential hanging() {
    return new TestCredential(Mono::never);
  }

  /** Answers as this credential was made to; records {@code request}. */
  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    requests.add(request);
    return answer.get();
  }

  /** Every token request so far. */
  public List<TokenRequestContext> requests() {
    return List.copyOf(requests);
  }

  @Override
  public String toString() {
    return "TestCredential[" + requests.size() + " requests]";
  }
}
