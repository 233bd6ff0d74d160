package dev.secrets4j.oauth2;

/** How the client proves itself to the token endpoint (RFC 6749 section 2.3.1). */
public enum ClientAuthentication {
  /** The client id and secret in an HTTP Basic {@code Authorization} header. The default. */
  CLIENT_SECRET_BASIC,
  /** The client id and secret as {@code client_id} and {@code client_secret} form parameters. */
  CLIENT_SECRET_POST
}
