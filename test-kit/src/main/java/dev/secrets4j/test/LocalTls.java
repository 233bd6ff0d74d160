package dev.secrets4j.test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate made once per JVM for {@code localhost}, {@code 127.0.0.1}, the vault domains of
 * the three clouds ({@code *.vault.azure.net}, {@code *.vault.azure.cn}, {@code *.vault.usgovcloudapi.net}) and their
 * sign-in hosts, valid from a day before to two days after it is made, with the server's and the client's TLS
 * contexts. The client context trusts this certificate and nothing else, so a client built with it can reach the
 * local servers under those names (through the Key Vault server's loopback tunnel) and never the real ones. The
 * local Secrets Manager and Key Vault servers and the local token endpoint all serve it.
 */
public final class LocalTls {
  private static final char[] PASSWORD = "test-only".toCharArray();
  private static final List<String> NAMES = List.of("localhost", "*.vault.azure.net", "*.vault.azure.cn",
      "*.vault.usgovcloudapi.net", "login.microsoftonline.com", "login.chinacloudapi.cn", "login.microsoftonline.us");
  private static final LocalTls INSTANCE = create();

  private final X509Certificate certificate;
  private final SSLContext server;
  private final SSLContext client;

  private final javax.net.ssl.TrustManager[] trustManagers;

  private LocalTls(X509Certificate certificate, SSLContext server, SSLContext client,
      javax.net.ssl.TrustManager[] trustManagers) {
    this.trustManagers = trustManagers;
    this.certificate = certificate;
    this.server = server;
    this.client = client;
  }

  /** The run's certificate and contexts, made at the first call. */
  public static LocalTls get() {
    return INSTANCE;
  }

  /** The certificate the local servers present. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** For a local server: presents the certificate. */
  public SSLContext serverContext() {
    return server;
  }

  /** For clients: trusts the test certificate only. */
  public SSLContext clientContext() {
    return client;
  }

  /** For clients that take trust managers: they trust the test certificate only. */
  public javax.net.ssl.TrustManager[] trustManagers() {
    return trustManagers.clone();
  }

  private static LocalTls create() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      KeyPair keys = g.generateKeyPair();
      X500Name subject = new X500Name("CN=localhost, O=secrets4j tests");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
      GeneralName[] names = new GeneralName[NAMES.size() + 1];
      for (int i = 0; i < NAMES.size(); i++) {
        names[i] = new GeneralName(GeneralName.dNSName, NAMES.get(i));
      }
      names[NAMES.size()] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));

      KeyStore serverStore = KeyStore.getInstance("PKCS12");
      serverStore.load(null, null);
      serverStore.setKeyEntry("server", keys.getPrivate(), PASSWORD, new X509Certificate[] {cert});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(serverStore, PASSWORD);
      SSLContext server = SSLContext.getInstance("TLS");
      server.init(kmf.getKeyManagers(), null, null);

      KeyStore trustStore = KeyStore.getInstance("PKCS12");
      trustStore.load(null, null);
      trustStore.setCertificateEntry("test-server", cert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, tmf.getTrustManagers(), null);
      return new LocalTls(cert, server, client, tmf.getTrustManagers());
    } catch (Exception e) {
      throw new IllegalStateException("could not make the test certificate", e);
    }
  }
}
