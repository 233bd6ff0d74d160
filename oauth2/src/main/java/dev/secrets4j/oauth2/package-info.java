/**
 * OAuth2 client-credentials access tokens per environment. Build {@link dev.secrets4j.oauth2.OAuth2Tokens} from a
 * {@link dev.secrets4j.Secrets} resolver, a token endpoint and the name of the secret holding the client's
 * credentials; {@link dev.secrets4j.oauth2.OAuth2Tokens#token()} returns a cached
 * {@link dev.secrets4j.oauth2.AccessToken}, refreshed ahead of its expiry.
 */
package dev.secrets4j.oauth2;
