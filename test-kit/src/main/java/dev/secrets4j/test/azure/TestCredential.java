package dev.secrets4j.test.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.CredentialUnavailableException;
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
