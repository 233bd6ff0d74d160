package dev.secrets4j.oauth2;

import dev.secrets4j.AccessContext;
import dev.secrets4j.Secrets;
import dev.secrets4j.Secrets.Ticker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds {@link OAuth2Tokens} for one client. The token endpoint, scopes and audience can be set for every
 * environment and per environment (the per-environment value wins); only the resolver's environment's values are
 * used. Setters validate at once; {@link #build()} checks that the endpoint and the credentials are set.
 */
public final class OAuth2TokensBuilder {
  private static final List<String> KEYS = List.of("token-uri", "scopes", "audience", "credentials",
      "authentication");

  private final Secrets secrets;
  private final String client;
  private final Map<String, URI> tokenUris = new HashMap<>();
  private final Map<String, List<String>> scopes = new HashMap<>();
  private final Map<String, String> audiences = new HashMap<>();
  private final List<TokenAuditListener> listeners = new ArrayList<>();
  private String credentialsName;
  private String clientIdName;
  private String clientSecretName;
  private ClientAuthentication authentication = ClientAuthentication.CLIENT_SECRET_BASIC;
  private AccessContext access = AccessContext.none();
  private double refreshFraction = 0.75;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration readTimeout = Duration.ofSeconds(10);
  private Ticker ticker = Ticker.system();
  private Clock clock = Clock.systemUTC();
  private Executor executor;

  OAuth2TokensBuilder(Secrets secrets, String client) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.client = requireText(client, "client");
  }

  /**
   * Reads {@code oauth2.CLIENT.KEY} and {@code oauth2.CLIENT.KEY.ENVIRONMENT} from {@code properties}:
   * {@code token-uri}, {@code scopes} (separated by spaces or commas), {@code audience}, {@code credentials} (one
   * JSON secret name, or a client id name and a client secret name separated by a comma) and
   * {@code authentication} ({@code client_secret_basic}, {@code client_secret_post}).
   *
   * @throws IllegalArgumentException naming the key, for an unknown key of this client or a bad value
   */
  public OAuth2TokensBuilder properties(Properties properties) {
    String prefix = "oauth2." + client + ".";
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (!key.startsWith(prefix)) {
        continue;
      }
      String rest = key.substring(prefix.length());
      int dot = rest.indexOf('.');
      String name = dot < 0 ? rest : rest.substring(0, dot);
      String env = dot < 0 ? null : rest.substring(dot + 1);
      String value = properties.getProperty(key).trim();
      if (!KEYS.contains(name) || (env != null && (env.isEmpty() || name.equals("credentials")
          || name.equals("authentication")))) {
        throw new IllegalArgumentException("unknown key '" + key + "'; valid keys: " + prefix + KEYS
            + " (token-uri, scopes and audience also with .ENVIRONMENT)");
      }
      switch (name) {
        case "token-uri" -> put(tokenUris, env, uri(key, value));
        case "scopes" -> put(scopes, env, split(value));
        case "audience" -> put(audiences, env, value);
        case "credentials" -> {
          String[] names = value.split(",");
          if (names.length == 1) {
            clientSecret(names[0].trim());
          } else if (names.length == 2) {
            clientSecret(names[0].trim(), names[1].trim());
          } else {
            throw new IllegalArgumentException(key + " must be one secret name or two separated by a comma");
          }
        }
        default -> authentication(authenticationOf(key, value));
      }
    }
    return this;
  }

  /** The token endpoint in every environment without one of its own. */
  public OAuth2TokensBuilder tokenUri(URI uri) {
    put(tokenUris, null, checkUri(uri));
    return this;
  }

  /** The token endpoint in {@code environment} (its canonical name: {@code production}). */
  public OAuth2TokensBuilder tokenUri(String environment, URI uri) {
    put(tokenUris, requireText(environment, "environment"), checkUri(uri));
    return this;
  }

  /** The scopes requested in every environment without scopes of its own. Default: none (the server's default). */
  public OAuth2TokensBuilder scopes(List<String> scopes) {
    put(this.scopes, null, List.copyOf(scopes));
    return this;
  }

  /** The scopes requested in {@code environment}. */
  public OAuth2TokensBuilder scopes(String environment, List<String> scopes) {
    put(this.scopes, requireText(environment, "environment"), List.copyOf(scopes));
    return this;
  }

  /** The {@code audience} parameter sent in every environment without one of its own. Default: none. */
  public OAuth2TokensBuilder audience(String audience) {
    put(audiences, null, requireText(audience, "audience"));
    return this;
  }

  /** The {@code audience} parameter sent in {@code environment}. */
  public OAuth2TokensBuilder audience(String environment, String audience) {
    put(audiences, requireText(environment, "environment"), requireText(audience, "audience"));
    return this;
  }

  /** One JSON secret holding {@code client_id} and {@code client_secret} ({@code partner-api-client}). */
  public OAuth2TokensBuilder clientSecret(String jsonSecretName) {
    checkCredentialsUnset();
    credentialsName = requireText(jsonSecretName, "jsonSecretName");
    return this;
  }

  /** Two secrets: the client id, and the client secret (whose versions are tried on {@code invalid_client}). */
  public OAuth2TokensBuilder clientSecret(String clientIdName, String clientSecretName) {
    checkCredentialsUnset();
    this.clientIdName = requireText(clientIdName, "clientIdName");
    this.clientSecretName = requireText(clientSecretName, "clientSecretName");
    return this;
  }

  /** How the client authenticates. Default {@link ClientAuthentication#CLIENT_SECRET_BASIC}. */
  public OAuth2TokensBuilder authentication(ClientAuthentication authentication) {
    this.authentication = Objects.requireNonNull(authentication, "authentication");
    return this;
  }

  /** The principal and purpose the client secret is read with (audited by the resolver). Default none. */
  public OAuth2TokensBuilder accessContext(AccessContext access) {
    this.access = Objects.requireNonNull(access, "access");
    return this;
  }

  /**
   * The fraction of {@code expires_in} after which a token is refreshed, jittered by ±10% of itself. Default 0.75.
   *
   * @throws IllegalArgumentException unless {@code 0 < fraction <= 0.9}
   */
  public OAuth2TokensBuilder refreshAhead(double fraction) {
    if (!(fraction > 0 && fraction <= 0.9)) {
      throw new IllegalArgumentException("refreshAhead must be in (0, 0.9] so that a jittered refresh comes before "
          + "expiry, not " + fraction);
    }
    this.refreshFraction = fraction;
    return this;
  }

  /** Connect and read timeouts of a token request. Default 5 s and 10 s. */
  public OAuth2TokensBuilder timeouts(Duration connect, Duration read) {
    this.connectTimeout = positive(connect, "connect");
    this.readTimeout = positive(read, "read");
    return this;
  }

  /** The time source for refresh and expiry; inject a fake one in tests. Default {@link Ticker#system()}. */
  public OAuth2TokensBuilder ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  /** The wall clock for {@link AccessToken#expiresAt()} and event times. Default the system UTC clock. */
  public OAuth2TokensBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Where background refreshes run. Default: one daemon thread owned by the built instance. */
  public OAuth2TokensBuilder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** Adds an audit listener. Without any, {@link TokenAuditListener#slf4j()} is used. */
  public OAuth2TokensBuilder auditListener(TokenAuditListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * The tokens of this client in the resolver's environment. Reads no secret and sends no request.
   *
   * @throws IllegalStateException when this environment has no token endpoint (another environment's is never
   *     used), or no credentials are set
   */
  public OAuth2Tokens build() {
    String env = secrets.environment().name();
    URI uri = forEnvironment(tokenUris, env);
    if (uri == null) {
      throw new IllegalStateException("no token endpoint for client '" + client + "' in " + env + ": set oauth2."
          + client + ".token-uri." + env + " (or tokenUri(\"" + env + "\", …)); configured for "
          + (tokenUris.isEmpty() ? "no environment" : new TreeSet<>(tokenUris.keySet())));
    }
    if (credentialsName == null && clientSecretName == null) {
      throw new IllegalStateException("no credentials for client '" + client + "': set oauth2." + client
          + ".credentials (or clientSecret(…)) to the secret holding client_id and client_secret");
    }
    List<String> envScopes = forEnvironment(scopes, env);
    ClientConfig config = new ClientConfig(client, env, uri, envScopes == null ? List.of() : envScopes,
        forEnvironment(audiences, env), authentication, credentialsName, clientIdName, clientSecretName, access,
        refreshFraction, connectTimeout, readTimeout);
    ExecutorService owned = null;
    Executor refresher = executor;
    if (refresher == null) {
      owned = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "secrets4j-oauth2-" + client);
        t.setDaemon(true);
        return t;
      });
      refresher = owned;
    }
    TokenAudit audit = new TokenAudit(config, clock,
        listeners.isEmpty() ? List.of(TokenAuditListener.slf4j()) : listeners);
    TokenFetch fetch = new TokenFetch(config, new ClientCredentials(secrets, config), new TokenEndpoint(config),
        audit, ticker, clock);
    return new OAuth2Tokens(config, new TokenCache(config, fetch, audit, ticker, refresher), owned);
  }

  private static <T> T forEnvironment(Map<String, T> values, String env) {
    T own = values.get(env);
    return own != null ? own : values.get(null);
  }

  private static <T> void put(Map<String, T> map, String env, T value) {
    map.put(env, value);
  }

  private void checkCredentialsUnset() {
    if (credentialsName != null || clientSecretName != null) {
      throw new IllegalStateException("the credentials of client '" + client + "' were already set to "
          + (credentialsName != null ? "'" + credentialsName + "'"
              : "'" + clientIdName + "' and '" + clientSecretName + "'"));
    }
  }

  private static URI checkUri(URI uri) {
    Objects.requireNonNull(uri, "uri");
    if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("a token endpoint must be an absolute http(s) URI, not " + uri);
    }
    return uri;
  }

  private static URI uri(String key, String value) {
    try {
      return checkUri(URI.create(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  private static List<String> split(String value) {
    return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }

  private static ClientAuthentication authenticationOf(String key, String value) {
    try {
      return ClientAuthentication.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " must be client_secret_basic or client_secret_post, not '" + value
          + "'", e);
    }
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " timeout must be positive and under 24 days, not " + d);
    }
    return d;
  }

  private static String requireText(String s, String what) {
    Objects.requireNonNull(s, what);
    if (s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return s;
  }
}
